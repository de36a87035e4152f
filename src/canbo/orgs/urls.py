from django.urls import path

from canbo.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/children/", views.children, name="children"),
    path("<str:code>/history/", views.history, name="history"),
    path("<str:code>/edit/", views.edit, name="edit"),
    path("<str:code>/close/", views.close, name="close"),
]
