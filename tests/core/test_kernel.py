"""`core` is the kernel: every app may import it, it imports no app (issue 13, one owner per write).

Every module under src/canbo/core is parsed with `ast` and every import is checked, those inside
functions (lazy imports) included, as well as `import_module("canbo.…")`/`import_string(…)` with a
literal path: only `canbo.core` itself, the standard library, Django and third-party packages may be
named. What core needs from an app comes as an argument (jobs, the may-see rule), a registry the
app fills, or a setting naming a function (CANBO_REACH).
"""

import ast
from pathlib import Path

import pytest

import canbo

SRC = Path(canbo.__file__).resolve().parent
CORE = SRC / "core"
DYNAMIC_IMPORTERS = {"import_module", "import_string", "__import__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module an ImportFrom names (`from ..people import x` inside canbo.core.foo)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_names(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, dotted name) of everything `source` imports, at module level or inside functions."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            found.append((node.lineno, base))
            # `from canbo import people` names the app in the alias, not in the module.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            arg = node.args[0] if node.args else None
            if name in DYNAMIC_IMPORTERS and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
    return found


def forbidden(name: str) -> bool:
    """A canbo module outside the kernel: any app (orgs, people, accounts, …), the site, events."""
    parts = name.split(".")
    return parts[0] == "canbo" and len(parts) > 1 and parts[1] != "core"


def kernel_violations() -> list[str]:
    violations = []
    for path in sorted(CORE.rglob("*.py")):
        module = _module_name(path)
        source = path.read_text(encoding="utf-8")
        for line, name in imported_names(source, module, is_package=path.name == "__init__.py"):
            if forbidden(name):
                violations.append(f"{path.relative_to(SRC.parent)}:{line} imports {name}")
    return violations


def test_core_imports_no_domain_app():
    assert kernel_violations() == []


def test_the_whole_kernel_is_checked():
    """The walk covers the modules that imported apps before (a moved or renamed tree would make
    the check above pass on nothing)."""
    checked = {_module_name(p) for p in CORE.rglob("*.py")}
    assert {"canbo.core.scope", "canbo.core.schedule", "canbo.core.changelog", "canbo.core.cli"} <= checked
    assert "canbo.core.management.commands.summaries" in checked and len(checked) > 25


@pytest.mark.parametrize(
    "source, name",
    [
        ("from canbo.orgs.models import Unit", "canbo.orgs.models"),
        ("import canbo.people.services", "canbo.people.services"),
        ("from canbo import accounts", "canbo.accounts"),
        ("def f():\n    from canbo.exchange.services import purge\n    return purge()", "canbo.exchange.services"),
        ("class C:\n    def m(self):\n        import canbo.site.views", "canbo.site.views"),
        ("from ..training import services", "canbo.training"),
        ("from .. import reports", "canbo.reports"),
        ("import importlib\nimportlib.import_module('canbo.plans.summaries')", "canbo.plans.summaries"),
        ("import_string('canbo.events.emit')", "canbo.events.emit"),
    ],
)
def test_the_check_finds_every_way_of_importing_an_app(source, name):
    names = [n for _line, n in imported_names(source, "canbo.core.example") if forbidden(n)]
    assert name in names


@pytest.mark.parametrize(
    "source",
    [
        "from canbo.core.models import ChangeLogEntry",
        "from canbo.core import audit",
        "from . import audit",
        "from .models import PeriodicRun",
        "import django.db\nfrom django.conf import settings",
        "import_string(settings.CANBO_REACH)",
    ],
)
def test_the_kernel_may_import_itself_django_and_settings_named_paths(source):
    assert not [n for _line, n in imported_names(source, "canbo.core.example") if forbidden(n)]
