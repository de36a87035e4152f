"""The kinds of file canbo imports, each owned by its app.

Each domain app that imports files declares its kinds in its own `imports.py` with `register()`
(as Django's admin sites are filled from each app's `admin.py`); `canbo import KIND` and the web
upload find them here, so neither knows the apps. The registry itself is file-layer code: it
imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules, import_string


@dataclass(frozen=True)
class ImportKind:
    """One kind of import: `run(path, *, unit, dry_run, skip_invalid, **options) -> ImportResult`."""

    name: str  # the command's KIND: "people", "classes", "enrolments"
    label: str  # what the officer calls it (Vietnamese, marked for translation by the app)
    run: str  # dotted path of the function that checks (and, unless dry-run, writes) a file
    needs_unit: bool = True  # `--unit CODE` is required
    upload: bool = False  # offered on the web upload page (canbo.exchange)

    def runner(self) -> Callable:
        return import_string(self.run)


_KINDS: dict[str, ImportKind] = {}
_discovered = False


def register(kind: ImportKind) -> ImportKind:
    """Declare an import kind (called at import time of an app's imports.py)."""
    existing = _KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"import kind {kind.name!r} registered twice: {existing.run} and {kind.run}")
    _KINDS[kind.name] = kind
    return kind


def kinds() -> dict[str, ImportKind]:
    """Every registered kind, in registration order (apps' imports.py modules loaded on first use)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("imports")
        _discovered = True
    return dict(_KINDS)


def get(name: str) -> ImportKind:
    try:
        return kinds()[name]
    except KeyError:
        raise LookupError(name) from None
