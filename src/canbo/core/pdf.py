"""Printable documents: a template rendered to HTML, then to PDF by weasyprint (Pango draws the
Vietnamese text). Certificates, plan vs actual and the statistical forms print this way."""

from __future__ import annotations

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request=None, base_url: str | None = None) -> bytes:
    """`template` with `context` as PDF bytes; relative links (images, styles) resolve against
    `base_url`, or the site root of `request` when given."""
    from weasyprint import HTML  # imported on use: the web process starts without Pango's cost

    html = render_to_string(template, context, request=request)
    if base_url is None and request is not None:
        base_url = request.build_absolute_uri("/")
    return HTML(string=html, base_url=base_url).write_pdf()
