"""The events module is the one place saying what a write sets off in other apps (issue 13): every
subscriber it names exists and takes its event's fields, the events run in the table's order, and
no app fills a hook list from `AppConfig.ready()` any more."""

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest
from django.utils.module_loading import import_string

import canbo
from canbo import events

SRC = Path(canbo.__file__).resolve().parent
LIST_METHODS = {"append", "extend", "insert", "add", "update", "setdefault", "__setitem__", "__iadd__"}

# --- the table ------------------------------------------------------------------------------------


def _declared(base):
    return {
        obj
        for obj in vars(events).values()
        if isinstance(obj, type) and issubclass(obj, base) and obj is not base and dataclasses.is_dataclass(obj)
    }


def test_every_subscriber_resolves_and_accepts_its_events_fields():
    checked = 0
    for kind, paths in events.SUBSCRIBERS.items():
        fields = {field.name: None for field in dataclasses.fields(kind)}
        assert paths, f"{kind.__name__} has no subscriber"
        assert len(set(paths)) == len(paths), f"{kind.__name__} names a subscriber twice"
        for path in paths:
            subscriber = import_string(path)  # ImportError names the path that does not resolve
            assert callable(subscriber), path
            inspect.signature(subscriber).bind(**fields)  # TypeError: it would not take the event
            checked += 1
    assert checked >= 9


def test_every_event_and_question_is_in_the_table_and_nothing_else():
    assert set(events.SUBSCRIBERS) == _declared(events.Event) | _declared(events.Question)
    assert {events.PeopleChanged, events.ClassesChanged, events.UnitMoved} <= _declared(events.Event)
    assert {events.UnitClosing, events.DutyPeriodsCount} <= _declared(events.Question)


def test_the_training_paths_are_rewritten_before_the_plan_summaries_recount_them():
    """plans' recount reads the enrolments' paths, which training's subscriber rewrites
    (tests/plans/test_summaries.py::test_moving_a_subtree_moves_its_figures shows the figures)."""
    order = list(events.SUBSCRIBERS[events.UnitMoved])
    assert order.index("canbo.training.services.unit_moved") < order.index("canbo.plans.summaries.unit_moved")


CALLS: list[tuple] = []


def _first(old_path, new_path):
    CALLS.append(("first", old_path, new_path))


def _second(old_path, new_path):
    CALLS.append(("second", old_path, new_path))


def _no_reason(unit, day):
    return []


def _a_reason(unit, day):
    return [f"{unit} bận ngày {day}"]


def test_emit_runs_the_subscribers_in_the_tables_order(monkeypatch):
    CALLS.clear()
    monkeypatch.setitem(events.SUBSCRIBERS, events.UnitMoved, ("tests.test_events._second", "tests.test_events._first"))
    events.emit(events.UnitMoved(old_path="/1/2/", new_path="/1/3/"))
    assert CALLS == [("second", "/1/2/", "/1/3/"), ("first", "/1/2/", "/1/3/")]


def test_collect_returns_every_answer_in_order(monkeypatch):
    monkeypatch.setitem(
        events.SUBSCRIBERS, events.UnitClosing, ("tests.test_events._a_reason", "tests.test_events._no_reason")
    )
    assert events.collect(events.UnitClosing(unit="Xã A", day="1/7")) == [["Xã A bận ngày 1/7"], []]


def test_an_event_is_emitted_and_a_question_collected_never_the_other_way():
    """A question emitted would lose its answers (a unit with staff would close)."""
    with pytest.raises(TypeError, match="collect"):
        events.emit(events.UnitClosing(unit=None, day=None))
    with pytest.raises(TypeError, match="emit"):
        events.collect(events.PeopleChanged(person_ids=[1]))


# --- no hook lists ---------------------------------------------------------------------------------


def ready_writes(source: str) -> list[str]:
    """What the `ready()` methods in `source` append to or assign on another object: the marks of a
    hook list filled at start-up. Calls such as `register_report(...)` are not writes."""
    found = []
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef):
            continue
        for method in cls.body:
            if not (isinstance(method, ast.FunctionDef) and method.name == "ready"):
                continue
            for node in ast.walk(method):
                call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                if call and node.func.attr in LIST_METHODS:
                    found.append(f"{cls.name}.ready:{node.lineno} .{node.func.attr}()")
                targets = []
                if isinstance(node, ast.Assign):
                    targets = node.targets
                elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                    targets = [node.target]
                found += [
                    f"{cls.name}.ready:{node.lineno} assigns {ast.unparse(t)}"
                    for t in targets
                    if isinstance(t, (ast.Attribute, ast.Subscript))
                ]
    return found


def test_no_app_config_ready_fills_a_hook_list():
    apps = sorted(SRC.glob("*/apps.py"))
    assert len(apps) >= 9
    for path in apps:
        assert ready_writes(path.read_text(encoding="utf-8")) == [], path.relative_to(SRC)


def test_no_module_keeps_a_list_of_callables_to_fill():
    """The hook lists themselves are gone (`PEOPLE_CHANGED_HOOKS: list[Callable[...]] = []` and the
    like): a new one would be filled from somewhere other than the events table."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            annotation = ast.unparse(node.annotation) if isinstance(node, ast.AnnAssign) else ""
            if annotation.startswith(("list[", "List[")) and "Callable" in annotation:
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node.target)}")
    assert found == []


OLD_PEOPLE_APPS = """
class PeopleConfig(AppConfig):
    def ready(self):
        from canbo.orgs import services as org_services
        from canbo.people import services

        if services.open_staff_check not in org_services.CLOSE_CHECKS:
            org_services.CLOSE_CHECKS.append(services.open_staff_check)
        org_services.PATH_MOVE_HOOKS += [services.unit_moved]
        org_services.HOOKS["moved"] = services.unit_moved
"""


def test_the_check_finds_the_old_hook_appends():
    assert sorted(ready_writes(OLD_PEOPLE_APPS)) == [
        "PeopleConfig.ready:10 assigns org_services.HOOKS['moved']",
        "PeopleConfig.ready:8 .append()",
        "PeopleConfig.ready:9 assigns org_services.PATH_MOVE_HOOKS",
    ]
    registering = "class C:\n    def ready(self):\n        register_report('form', 'canbo.reports.x.Form')\n"
    assert ready_writes(registering) == []
