"""Registry of `canbo report NAME …` sub-commands.

Several apps publish reports (standards, plans, statistical forms) but a Django project can hold only
one `report` command; each app registers its own sub-command here from `AppConfig.ready`, so no app
imports another's command and a province's extension can add a report without touching canbo.
"""

from __future__ import annotations

REPORTS: dict[str, str] = {}


def register_report(name: str, command: str) -> None:
    """Register `canbo report NAME` as the management-command class at the dotted path `command`."""
    REPORTS[name] = command


# Kept summaries that `canbo summaries check|rebuild` covers: name → dotted path of a module with
# `check()` (returning an object with `ok`, `rows`, `differences`) and `rebuild()` (returning the
# number of rows). Those that hold years also take `year=`. Registered from `AppConfig.ready`.
SUMMARIES: dict[str, str] = {}


def register_summary(name: str, module: str, *, by_year: bool = False) -> None:
    SUMMARIES[name] = module
    if by_year:
        SUMMARIES_BY_YEAR.add(name)


SUMMARIES_BY_YEAR: set[str] = set()
