from django.urls import path

from canbo.plans import views, views_propose

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("nominees/add/", views.nominees_add, name="nominees_add"),
    path("propose/", views_propose.propose_page, name="propose"),
    path("propose/start/", views_propose.propose_start, name="propose_start"),
    path("propose/accept/", views_propose.propose_accept, name="propose_accept"),
    path("priority/<str:code>/", views_propose.priority_list, name="priority"),
    path("priority/<str:code>/xlsx/", views_propose.priority_xlsx, name="priority_xlsx"),
    path("<int:plan_id>/", views.detail, name="detail"),
    path("<int:plan_id>/edit/", views.edit, name="edit"),
    path("<int:plan_id>/<str:action>/", views.transition, name="transition"),
    path("units/<str:code>/", views.unit_pva, name="unit_pva"),
    path("units/<str:code>/actual/", views.unit_actual, name="unit_actual"),
    path("units/<str:code>/xlsx/", views.unit_xlsx, name="unit_xlsx"),
    path("units/<str:code>/pdf/", views.unit_pdf, name="unit_pdf"),
    path("units/<str:code>/paper/", views.unit_paper, name="unit_paper"),
    path("units/<str:code>/summary/", views.unit_summary_page, name="unit_summary"),
]
