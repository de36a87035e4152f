"""Helpers of the generated write-permission tests (tests/test_write_permissions.py): every route of
the site and every state-changing API operation, one world of fixture objects built once per module
through the services, and a fingerprint of the database that any write changes.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

D = datetime.date
PAO_ID = "011080004321"  # Giàng A Páo of commune B
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Tables that record reads, not changes: a page showing sensitive fields logs who saw them (the law
# requires it), and the session row is the log-in itself. Everything else counts as a write.
READ_LOGS = {"accounts.sensitiveaccess", "sessions.session"}


# ------------------------------------------------------------------------------------------ routes


def page_routes(resolver=None, namespace="", prefix=""):
    """(name, route, pattern) of every URL pattern of the site, includes followed; the API's
    patterns are enumerated from the NinjaAPI object instead (`api_operations`)."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from page_routes(p, ns, route)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}", route, p


def api_operations():
    """(url name, methods) of every operation of every router of the API."""
    from canbo.api.api import api

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = getattr(operation, "url_name", None) or operation.view_func.__name__
                yield f"api:{name}", set(operation.methods)


def api_paths():
    """(URL name of the path's first operation, the path's parameters, its declared methods)."""
    from canbo.api.api import api

    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            methods = set().union(*(set(op.methods) for op in path_view.operations))
            first = path_view.operations[0]
            name = getattr(first, "url_name", None) or first.view_func.__name__
            params = [part[1:-1].split(":")[-1] for part in path.split("/") if part.startswith("{")]
            yield f"api:{name}", params, methods


# ------------------------------------------------------------------------------------- fingerprint


def _tables():
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in READ_LOGS
    ]
    parts = []
    for model in sorted(models, key=lambda m: m._meta.db_table):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        if any(f.name == "version" for f in model._meta.concrete_fields):
            parts.append(f"(SELECT COALESCE(SUM(version), 0) FROM {table})")
    log = connection.ops.quote_name(apps.get_model("core", "ChangeLogEntry")._meta.db_table)
    parts.append(f"(SELECT COALESCE(MAX(id), 0) FROM {log})")
    return "SELECT " + ", ".join(parts)


_SQL: list[str] = []


def fingerprint(*rows) -> tuple:
    """Row counts of every table (read logs aside), the sum of every `version` column and the last
    change-log id, in one query; plus the given rows' values (updates that neither version nor log)."""
    if not _SQL:
        _SQL.append(_tables())
    with connection.cursor() as cursor:
        cursor.execute(_SQL[0])
        counts = cursor.fetchone()
    snapshots = tuple(tuple(sorted((k, str(v)) for k, v in row.items())) for qs in rows for row in qs.values())
    return counts, snapshots


# ------------------------------------------------------------------------------------------- world


def xlsx_upload(path: Path, rows: list[list], name: str) -> SimpleUploadedFile:
    from tests.exchange.files import write_xlsx

    write_xlsx(path / name, rows)
    return SimpleUploadedFile(name, (path / name).read_bytes())


def _pools(tree, users, hoa) -> dict:
    """A pool officer of the province, term 2025–2030 with commune A's Chủ tịch UBND and Bí thư posts,
    the approving decision, Hoa in the chairman's pool and an introduction round for the secretary."""
    from canbo.accounts.choices import Role
    from canbo.careers import pool_services
    from canbo.careers.pool_seed import seed_pool_rules
    from canbo.standards.models import Title
    from tests import conftest

    seed_pool_rules()
    users["pool_officer"] = conftest._user("pool_officer", tree["province"], Role.POOL_OFFICER, first="Vàng Thị")
    term = pool_services.term_create(
        code="2025-2030", name="2025–2030", start_date=D(2025, 10, 1), end_date=D(2030, 9, 30)
    )
    post = pool_services.post_create(term=term, unit=tree["a"], title=Title.objects.get(code="XA-CTUBND"))
    secretary = pool_services.post_create(term=term, unit=tree["a"], title=Title.objects.get(code="XA-BT"))
    decision = pool_services.decision_create(
        term=term, unit=tree["a"], number="125-QĐ/TU", date=D(2025, 11, 20), issuer="Ban Thường vụ Tỉnh ủy"
    )
    member = pool_services.pool_member_add(post=post, person=hoa, decision=decision)
    rnd = pool_services.round_create(post=secretary, name="Hội nghị giới thiệu", held_on=D(2025, 11, 1), total_votes=30)
    return {
        "term": term,
        "pool_post": post,
        "secretary_post": secretary,
        "decision": decision,
        "member": member,
        "round": rnd,
    }


def build_world(files: Path) -> dict:
    """Communes A and B, the personas (and a training institution's officer), people of both,
    a body, a class of A with learners at every stage, plans, an import job, a self-study record.

    The fixtures of tests/conftest.py and tests/training/conftest.py are function-scoped; their
    plain functions (`__wrapped__`) build the same objects once for the module here."""
    from canbo.accounts.choices import Role
    from canbo.core.context import acting_as
    from canbo.exchange import services as exchange_services
    from canbo.orgs import services as org_services
    from canbo.people import services as people_services
    from canbo.people import transfers
    from canbo.plans import services as plan_services
    from canbo.standards.models import Requirement
    from canbo.standards.seed import seed_standards
    from canbo.training import certificates, records
    from canbo.training import services as training_services
    from tests import conftest
    from tests.training import conftest as training_conftest

    tree = conftest.tree.__wrapped__(None)
    users = conftest.personas.__wrapped__(tree)
    conftest.reference.__wrapped__(None)
    level = conftest.level.__wrapped__(None)
    people = conftest.people.__wrapped__(tree, None, level)
    school = org_services.unit_create(
        code="P-TCT",
        name="Trường Chính trị tỉnh",
        kind="training_institution",
        parent=tree["province"],
        valid_from=D(2004, 1, 1),
    )
    users["trainer"] = conftest._user("trainer", school, Role.TRAINING_OFFICER, first="Cầm Văn", last="Dạy")
    empty = org_services.unit_create(
        code="P-THANHNUA-TO",
        name="Tổ công nghệ số xã Thanh Nưa",
        kind="public_service_unit",
        parent=tree["a"],
        valid_from=D(2025, 7, 1),
    )
    a = tree["a"]

    def person(name, unit=a, **extra):
        return people_services.person_create(unit=unit, full_name=name, gender="male", birth_year=1990, **extra)

    tien = person("Lường Văn Tiến")
    users["cadre_a"].person = tien
    users["cadre_a"].save()
    body = people_services.body_create(unit=a, name="Chi bộ xã Thanh Nưa", term_start=D(2025, 7, 1))
    membership = people_services.membership_add(body=body, person=people["van"])

    seed_standards()
    kinds = training_conftest.kinds.__wrapped__(None)
    course = training_conftest.update_course.__wrapped__(kinds)
    make_class = training_conftest.make_class.__wrapped__(tree)
    cls = make_class(course, organiser=a)
    # Commune B's side: Páo has an ID number and is a learner of B's own class.
    pao = people_services.person_update(person=people["pao"], id_number=PAO_ID)
    foreign_enrolment = training_services.enrolment_nominate(
        training_class=make_class(course, organiser=tree["b"], start=D(2025, 3, 3)), person=pao
    )

    def enrol(who, *, approve=True, result=""):
        e = training_services.enrolment_nominate(training_class=cls, person=who)
        if approve:
            e = training_services.enrolment_approve(enrolment=e)
        if result:
            e = training_services.enrolment_record_result(enrolment=e, result=result)
        return e

    passed = enrol(people["van"], result="passed")
    certificate = certificates.certificate_issue(enrolment=passed)
    khanh = person("Cà Văn Khánh")
    uncertified = enrol(khanh, result="passed")
    approved = enrol(people["minh"])
    own = enrol(tien)
    nominated = enrol(person("Quàng Văn Sơn"), approve=False)
    # A class of the province both communes send learners to: Páo of B is nominated.
    province_class = make_class(course, organiser=tree["province"], start=D(2025, 11, 3))
    pao_in_province_class = training_services.enrolment_nominate(training_class=province_class, person=pao)
    training_services.enrolment_nominate(training_class=province_class, person=people["van"])
    # A class of A taught by the province's school: its training officer records the results.
    taught = make_class(course, organiser=a, institution=school, start=D(2025, 10, 6))
    taught_enrolment = training_services.enrolment_approve(
        enrolment=training_services.enrolment_nominate(training_class=taught, person=people["minh"])
    )
    hoa = people_services.person_create(unit=a, full_name="Lò Thị Hoa", gender="female", birth_year=1995)
    with acting_as(users["officer_a"], origin="test", label="pytest"):  # A releases Khánh to commune B
        transfer = transfers.transfer_release(person=khanh, to_unit=tree["b"], start_date=D(2026, 3, 1))

    targets = [{"kind": course.kind_id, "group": "commune", "place": "in_province", "classes": 1, "turns": 20}]
    plan = plan_services.plan_create(unit=a, year=2026, targets=targets)
    office_plan = plan_services.plan_create(unit=tree["a_office"], year=2026, targets=targets)
    office_plan = plan_services.plan_submit(plan=office_plan)

    with acting_as(users["cadre_a"], origin="test", label="pytest"):
        study = records.self_study_submit(
            person=tien,
            title="Khóa học chuyển đổi số",
            start_date=D(2025, 10, 1),
            end_date=D(2025, 10, 3),
            periods=12,
            evidence="Giấy chứng nhận số 12/CĐS",
        )
    people_services.qualification_add(person=pao, level=level("professional", "dai_hoc"), year=2005)
    foreign_study = records.self_study_submit(
        person=pao, title="Tập huấn của xã Mường Nhé", start_date=D(2025, 10, 1), end_date=D(2025, 10, 2),
        periods=8, evidence="Giấy mời",
    )  # fmt: skip
    with acting_as(users["officer_a"], origin="test", label="pytest"):
        job = exchange_services.import_job_create(
            unit=a,
            uploaded=xlsx_upload(files, [["Họ và tên", "Năm sinh"], ["Lò Văn Nhập", 1984]], "ds.xlsx"),
        )
        failed_job = exchange_services.import_job_create(
            unit=a,
            uploaded=xlsx_upload(files, [["Họ và tên", "Năm sinh"], ["Lò Văn Lại", 1985]], "lai.xlsx"),
        )
    type(failed_job).unscoped.filter(pk=failed_job.pk).update(status="failed", retry_status="validating")
    pools = _pools(tree, users, hoa)
    return {
        **pools,
        **tree,
        **people,
        "users": users,
        "school": school,
        "empty": empty,
        "tien": tien,
        "hoa": hoa,
        "khanh": khanh,
        "transfer": transfer,
        "pao": pao,
        "province_class": province_class,
        "pao_in_province_class": pao_in_province_class,
        "taught": taught,
        "taught_enrolment": taught_enrolment,
        "foreign_enrolment": foreign_enrolment,
        "body": body,
        "membership": membership,
        "course": course,
        "cls": cls,
        "passed": passed,
        "certificate": certificate,
        "uncertified": uncertified,
        "approved": approved,
        "own": own,
        "nominated": nominated,
        "plan": plan,
        "office_plan": office_plan,
        "study": study,
        "foreign_study": foreign_study,
        "job": job,
        "failed_job": failed_job,  # its worker died while validating: "Thử lại" validates it again
        "rule": Requirement.objects.get(code="XA-CTUBND-CM-2025"),
        "level": level,
        "files": files,
    }
