"""`{% standards_panel person %}`: the "meets the standards?" panel the person page includes.

An inclusion tag rather than a view change, so the people app only adds one line to its template;
it renders nothing for users who may not see this person's standards (a cadre sees their own).
"""

from django import template

from canbo.accounts.permissions import can_view_standards_of
from canbo.core.dates import today

register = template.Library()


@register.inclusion_tag("standards/_person_panel.html", takes_context=True)
def standards_panel(context, person):
    from canbo.standards.selectors import person_standards

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_view_standards_of(user, person):
        return {"hidden": True}
    day = today()
    return {"person": person, "standards": person_standards(person=person, day=day), "day": day}
