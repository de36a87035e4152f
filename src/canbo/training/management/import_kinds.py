"""The training kinds of `canbo import` (classes, enrolments), kept here so the exchange app's
command only dispatches."""

from __future__ import annotations

from django.utils.translation import gettext as _

from canbo.core.cli import usage_error


def run_training_import(kind: str, path: str, *, unit, options: dict):
    from canbo.training.imports import import_classes, import_enrolments
    from canbo.training.models import TrainingClass

    common = {"dry_run": options["dry_run"], "skip_invalid": options["skip_invalid"]}
    if kind == "classes":
        return import_classes(path, unit=unit, **common)
    training_class = None
    code = (options.get("class_code") or "").strip().upper()
    if code:
        training_class = TrainingClass.unscoped.filter(code=code).select_related("programme", "organiser").first()
        if training_class is None:
            raise usage_error(_("Không có lớp nào có mã “%(code)s”.") % {"code": code})
    return import_enrolments(path, training_class=training_class, scope_unit=unit, **common)
