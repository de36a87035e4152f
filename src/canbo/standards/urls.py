from django.urls import path

from canbo.standards import views

app_name = "standards"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<str:code>/", views.unit_rates, name="unit"),
    path("units/<str:code>/people/", views.unit_people, name="people"),
    path("units/<str:code>/needs/", views.unit_needs, name="needs"),
    path("units/<str:code>/needs/xlsx/", views.unit_needs_xlsx, name="needs_xlsx"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/new/", views.rule_edit, name="rule_create"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("people/<int:pk>/panel/", views.person_panel, name="person_panel"),
]
