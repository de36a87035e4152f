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
