from django.urls import path

from canbo.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("changes/", views.changes, name="changes"),
]
