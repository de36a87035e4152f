from django.urls import path

from canbo.training import views, views_bulk, views_records

app_name = "training"

urlpatterns = [
    path("", views.class_list, name="classes"),
    path("calendar/", views.class_calendar, name="calendar"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("classes/new/", views.class_create, name="class_create"),
    path("classes/<str:code>/", views.class_detail, name="class"),
    path("classes/<str:code>/edit/", views.class_edit, name="class_edit"),
    path("classes/<str:code>/nominate/", views.nominate, name="nominate"),
    path("classes/<str:code>/approve-all/", views.approve_all, name="approve_all"),
    path("classes/<str:code>/approve-selected/", views.approve_selected, name="approve_selected"),
    path("classes/<str:code>/certificates/", views.certificates_all, name="certificates_all"),
    path("classes/<str:code>/status/", views.class_status, name="class_status"),
    path("classes/<str:code>/cancel/", views.class_cancel, name="class_cancel"),
    path("classes/<str:code>/results/", views.results, name="results"),
    path("classes/<str:code>/attendance/", views.attendance, name="attendance"),
    path("classes/<str:code>/quality/", views_records.class_quality, name="quality"),
    path("classes/<str:code>/upload/", views_records.enrolment_upload, name="upload"),
    path(
        "classes/<str:code>/enrolments/<int:pk>/certificate/",
        views_records.certificate_issue,
        name="certificate_issue",
    ),
    path("certificates/<str:number>/pdf/", views_records.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:number>/revoke/", views_records.certificate_revoke, name="certificate_revoke"),
    path("verify/<str:token>/", views_records.verify, name="verify"),
    path("survey/<int:pk>/", views_records.survey, name="survey"),
    path("quality/", views_records.quality_report, name="quality_report"),
    path("self-study/", views_records.self_study_list, name="self_study"),
    path("self-study/new/", views_records.self_study_new, name="self_study_new"),
    path("self-study/<int:pk>/evidence/", views_records.self_study_evidence, name="self_study_evidence"),
    path("placements/", views_records.placements, name="placements"),
    path("placements/<int:pk>/new/", views_records.placement_new, name="placement_new"),
    path("classes/<str:code>/enrolments/<int:pk>/<str:action>/", views.enrolment_action, name="enrolment_action"),
    path("people/<int:pk>/", views.person_tab, name="person_tab"),
    path("me/", views.my_training, name="my"),
]

# Bulk nomination (training/views_bulk.py): a pasted column of ID numbers or names, or a ticked list.
urlpatterns += [
    path("classes/<str:code>/nominate-many/", views_bulk.nominate_many, name="nominate_many"),
    path("nominate-selected/", views_bulk.nominate_selected, name="nominate_selected"),
]
