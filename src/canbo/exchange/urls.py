from django.urls import path

from canbo.exchange import views

app_name = "exchange"

urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="template"),
    path("import/<uuid:pk>/", views.import_detail, name="detail"),
    path("import/<uuid:pk>/progress/", views.import_progress, name="progress"),
    path("import/<uuid:pk>/confirm/", views.import_confirm, name="confirm"),
    path("import/<uuid:pk>/sheet/", views.import_sheet, name="sheet"),
    path("import/<uuid:pk>/mapping/", views.import_remap, name="remap"),
    path("import/<uuid:pk>/retry/", views.import_retry, name="retry"),
    path("import/<uuid:pk>/errors.xlsx", views.import_errors, name="errors"),
]
