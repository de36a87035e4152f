from tests.plans.conftest import district, kinds, make_class, make_person, programmes  # noqa: F401
