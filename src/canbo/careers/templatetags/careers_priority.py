"""`{% priority_panel person %}`: the training priority panel the person page includes.

An inclusion tag, so the people app adds one line to its template. It renders nothing for users
who may not see this person's standards. Pool parts show only to users with the pool permission
for the person's unit (each such display is logged); a cadre looking at their own record sees
the score without any pool part (self-service shows no pools).
"""

from django import template

from canbo.accounts.permissions import Perm, can, can_view_standards_of, reach_of
from canbo.core.dates import today

register = template.Library()


@register.inclusion_tag("careers/_person_priority.html", takes_context=True)
def priority_panel(context, person):
    from canbo.careers.priority import person_priority

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_view_standards_of(user, person):
        return {"hidden": True}
    own = getattr(user, "person_id", None) == person.pk
    include_pools = not own and person.unit is not None and can(user, Perm.VIEW_POOLS, person.unit)
    day = today()
    found = person_priority(person=person, day=day, include_pools=include_pools, pool_reach=reach_of(user))
    if found is not None and found.has_pool:
        from canbo.accounts.services import log_sensitive_access

        log_sensitive_access(user=user, fields=["pool"], where="person_priority", people=[person])
    return {"person": person, "priority": found, "day": day, "list_unit": person.unit if not own else None}
