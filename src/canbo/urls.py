from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from canbo.api.api import api

urlpatterns = [
    path("", include("canbo.site.urls")),
    path("accounts/", include("canbo.accounts.urls")),
    path("units/", include("canbo.orgs.urls")),
    path("people/", include("canbo.people.urls")),
    path("exchange/", include("canbo.exchange.urls")),
    path("plans/", include("canbo.plans.urls")),
    path("pools/", include("canbo.careers.pool_urls")),
    path("reports/", include("canbo.reports.urls")),
    path("training/", include("canbo.training.urls")),
    path("standards/", include("canbo.standards.urls")),
    path("careers/", include("canbo.careers.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "canbo.core.views.error_403"
handler404 = "canbo.core.views.error_404"
handler500 = "canbo.core.views.error_500"
