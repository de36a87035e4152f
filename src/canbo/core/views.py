"""The error pages and a file download helper every app uses (the pages that gather the apps,
home and the global change log, are the site app's)."""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def error_403(request, exception=None):
    """The refusal page; a refusal that carries a `user_message` (a refused sensitive filter)
    says why, other refusals say nothing more than that the role does not allow it."""
    return render(request, "403.html", {"reason": getattr(exception, "user_message", "")}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """Rendered without context processors: it must work when the database is what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def download_and_delete(path: str, filename: str):
    """Serve a generated file and remove it from disk: the open handle keeps it readable until the
    response is sent, and no export or template piles up in the temporary folder."""
    import os

    from django.http import FileResponse

    handle = open(path, "rb")  # noqa: SIM115 - closed by FileResponse
    os.unlink(path)
    return FileResponse(handle, as_attachment=True, filename=filename)
