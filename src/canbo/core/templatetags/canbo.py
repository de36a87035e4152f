"""Template helpers shared by every page."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext

from canbo.core.forms import VnDateInput, format_decimal, parse_date
from canbo.core.text import format_number, format_percent

register = template.Library()


@register.filter
def vnum(value, decimals=0):
    """Vietnamese number format whatever the page language: 27.071 and 104,2."""
    if value in (None, ""):
        return ""
    return format_number(value, int(decimals))


@register.filter
def vdec(value):
    """A decimal with as many places as it has, Vietnamese style: Decimal("8.50") -> "8,5"."""
    return format_decimal(value)


@register.filter
def vpct(value, decimals=1):
    """The one percentage format: 104.2 -> "104,2%" ("—" when there is no rate)."""
    return format_percent(value, int(decimals))


@register.filter
def vpct_of(part, whole):
    """`{{ done|vpct_of:planned }}`: done as a percentage of planned, "104,2%"; "—" when planned is 0."""
    if not whole or part in (None, ""):
        return "—"
    return format_percent(100 * float(part) / float(whole), 1)


@register.simple_tag
def date_input(name, value, id="", css="form-control", disabled=False):
    """A filter's date box, the same as the forms' (dd/mm/yyyy whatever the browser's language):
    `{% date_input "day" day id="s-day" %}`. A typed text that reads as a date is shown back as one."""
    refusal = ""
    if isinstance(value, str):
        try:
            value = parse_date(value) or ""
        except forms.ValidationError as error:
            # Shown as typed but marked: a box reading "31/02/2026" over an unfiltered list would
            # be a silent misread.
            refusal = " ".join(error.messages) + " " + gettext("Bộ lọc ngày này chưa được áp dụng.")
    attrs = {"id": id, "class": css + (" is-invalid" if refusal else "")}
    if disabled:
        attrs["disabled"] = True
    if refusal and id:
        attrs["aria-describedby"] = f"{id}_error"
    box = VnDateInput().render(name, value, attrs)
    if not refusal:
        return box
    return format_html('{}<div class="invalid-feedback d-block" id="{}_error">{}</div>', box, id, refusal)


@register.simple_tag(takes_context=True)
def query(context, **kwargs):
    """The current query string with some parameters replaced (filters keep each other)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params, doseq=True) if params else "?"


@register.simple_tag
def widget(field):
    """Render a form field's widget with Bootstrap classes and the ARIA links to help and errors."""
    input_type = getattr(field.field.widget, "input_type", "")
    css = "form-select" if input_type == "select" else "form-control"
    if input_type == "checkbox":
        css = "form-check-input"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required:
        attrs["required"] = True
    if isinstance(field.field.widget, forms.CheckboxSelectMultiple):
        return _checkboxes(field, attrs)
    return field.as_widget(attrs=attrs)


def _checkboxes(field, attrs):
    """A group of checkboxes as Bootstrap lays them out: each box in its own `.form-check` with its
    label beside it. Django's default puts the input's class on the group's <div> too, which drew
    the group as one tiny floating box over the rest of the form."""
    described = attrs.get("aria-describedby", "")
    invalid = " is-invalid" if field.errors else ""
    rows = []
    for option in field.subwidgets:
        data = option.data
        box_id = data["attrs"].get("id", "")
        rows.append(
            (
                box_id,
                field.html_name,
                data["value"],
                invalid,
                described,
                " checked" if data["selected"] else "",
                box_id,
                data["label"],
            )
        )
    boxes = format_html_join(
        "",
        '<div class="form-check"><input type="checkbox" id="{}" name="{}" value="{}" class="form-check-input{}" '
        'aria-describedby="{}"{}><label class="form-check-label" for="{}">{}</label></div>',
        rows,
    )
    return format_html('<div id="{}">{}</div>', field.auto_id, boxes)


@register.filter
def ct_label(content_type):
    """A content type's translated model name ("Đơn vị"), for change-log tables."""
    model = content_type.model_class() if content_type else None
    return capfirst(model._meta.verbose_name) if model else getattr(content_type, "model", "")


@register.filter
def get_item(mapping, key):
    """`{{ dict|get_item:key }}`: dictionary look-up with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def at_or_above(ladder_profile, level_code):
    """How many people of a profile stand at `level_code` or higher on that ladder."""
    return ladder_profile.at_or_above(level_code)
