"""`{% pools_panel person %}`: the person's pool places on the person page, for holders of the
pool permission who reach the person only (renders nothing for anyone else); each display is
logged in the sensitive-access log."""

from django import template

register = template.Library()


@register.inclusion_tag("careers/_person_pools.html", takes_context=True)
def pools_panel(context, person):
    from canbo.careers.pool_selectors import person_places

    request = context.get("request")
    user = getattr(request, "user", None)
    places = person_places(user, person) if user is not None else None
    if places is None:
        return {"hidden": True}
    return {"places": places}
