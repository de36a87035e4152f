"""One owner per write (DESIGN.md, rule 1): no module writes another app's tables.

Each app's models are written by that app's services and bulk module only; other apps call them.
The scan reads every module's syntax tree (lazy imports inside functions included) and looks for
the writes a bulk path uses — ``Model.objects…update/delete/create/bulk_create/bulk_update`` and
``insert_rows(Model, …)`` — on a model owned by another app. A failure names the file, the line
and the owner to call instead.
"""

import ast
from pathlib import Path

from django.apps import apps

import canbo

ROOT = Path(canbo.__file__).parent
WRITES = {"update", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
# Kernel tables written by everyone through the kernel's own helpers (the change log, sessions).
SHARED = {"core"}


def _owners() -> dict[str, str]:
    owners: dict[str, str] = {}
    for model in apps.get_models():
        module = model.__module__
        if module.startswith("canbo."):
            owners.setdefault(model.__name__, module.split(".")[1])
    return owners


def _root_name(node) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _violations(root: Path = ROOT) -> list[str]:
    owners = _owners()
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if len(parts) < 2 or "migrations" in parts:
            continue
        app = parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            target = None
            if isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
                target = _root_name(node.func.value)
            elif isinstance(node.func, ast.Name) and node.func.id == "insert_rows" and node.args:
                target = _root_name(node.args[0])
            owner = owners.get(target or "")
            if owner and owner != app and owner not in SHARED:
                found.append(f"{path.relative_to(root)}:{node.lineno} writes {target} (owned by {owner})")
    return found


def test_no_module_writes_another_apps_tables():
    assert _violations() == []


def test_the_scan_sees_a_write_to_another_apps_table(tmp_path):
    """The positive control: the same scan, over a tree holding a training module that inserts
    qualifications and updates people, flags both lines (the source tree itself is not touched)."""
    rogue = tmp_path / "training" / "_rogue_write_probe.py"
    rogue.parent.mkdir()
    rogue.write_text(
        "def f(rows):\n    insert_rows(Qualification, ('id',), rows)\n    Person.objects.filter().update(x=1)\n"
    )
    found = _violations(tmp_path)
    assert found == [
        "training/_rogue_write_probe.py:2 writes Qualification (owned by people)",
        "training/_rogue_write_probe.py:3 writes Person (owned by people)",
    ]
