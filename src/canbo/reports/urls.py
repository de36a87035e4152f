from django.urls import path

from canbo.reports import views, views_emulation

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("quality/", views.dashboard_quality, name="dashboard_quality"),
    path("units/<str:code>/forms/", views.unit_forms, name="unit_forms"),
    path("units/<str:code>/forms/xlsx/", views.unit_form_xlsx, name="unit_form_xlsx"),
    path("units/<str:code>/forms/pdf/", views.unit_form_pdf, name="unit_form_pdf"),
    path("units/<str:code>/forms/view/", views.unit_form_view, name="unit_form_view"),
    path("units/<str:code>/forms/cell/", views.unit_form_cell, name="unit_form_cell"),
    path("units/<str:code>/emulation/", views_emulation.emulation_page, name="emulation"),
    path("units/<str:code>/emulation/xlsx/", views_emulation.emulation_xlsx, name="emulation_xlsx"),
]
