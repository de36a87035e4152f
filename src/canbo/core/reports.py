"""Registry of `canbo report NAME …` sub-commands.

Several apps publish reports (standards, plans, statistical forms) but a Django project can hold only
one `report` command; each app registers its own sub-command here from `AppConfig.ready`, so no app
imports another's command and a province's extension can add a report without touching canbo.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class CheckResult:
    """What a summary's `check()` returns: how many rows the scan gave, and every (key, kept,
    scan) that differs."""

    rows: int
    differences: list[tuple]

    @property
    def ok(self) -> bool:
        return not self.differences


def compare(kept: dict, fresh: dict) -> CheckResult:
    """Kept summary rows against a fresh scan, both {key: value}: every key where they differ."""
    keys = sorted(set(kept) | set(fresh), key=str)
    return CheckResult(
        rows=len(fresh), differences=[(k, kept.get(k), fresh.get(k)) for k in keys if kept.get(k) != fresh.get(k)]
    )
