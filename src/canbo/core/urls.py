from django.urls import path

from canbo.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("changes/", views.changes, name="changes"),
]
