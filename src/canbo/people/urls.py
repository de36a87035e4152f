from django.urls import path

from canbo.people import views, views_exports, views_transfers

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("units/", views.unit_suggestions, name="unit_suggestions"),
    path("export.xlsx", views.people_export, name="export"),
    path("exports/", views_exports.export_start, name="export_start"),
    path("exports/<uuid:job_id>/", views_exports.export_job, name="export_job"),
    path("exports/<uuid:job_id>/progress/", views_exports.export_progress, name="export_progress"),
    path("exports/<uuid:job_id>/file/", views_exports.export_file, name="export_file"),
    path("official.xlsx", views.people_official_list, name="official"),
    path("official.pdf", views.people_official_list, {"fmt": "pdf"}, name="official_pdf"),
    path("official/", views.people_official_list, {"fmt": "html"}, name="official_view"),
    path("new/", views.person_create, name="create"),
    path("profile/", views.profile, name="profile"),
    path("transfers/", views_transfers.transfer_list, name="transfers"),
    path("transfers/<int:transfer_id>/accept/", views_transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:transfer_id>/decline/", views_transfers.transfer_decline, name="transfer_decline"),
    path("transfers/<int:transfer_id>/cancel/", views_transfers.transfer_cancel, name="transfer_cancel"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("bodies/<int:pk>/members/<int:membership_id>/delete/", views.member_remove, name="member_remove"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/history/", views.person_history, name="history"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/qualifications/new/", views.qualification_add, name="qualification_add"),
    path(
        "<int:pk>/qualifications/<int:qualification_id>/delete/",
        views.qualification_remove,
        name="qualification_remove",
    ),
    path("<int:pk>/transfer/", views_transfers.person_transfer, name="transfer"),
    path("<int:pk>/assignments/new/", views.assignment_add, name="assignment_add"),
    path("<int:pk>/assignments/<int:assignment_id>/end/", views.assignment_end, name="assignment_end"),
    path("<int:pk>/assignments/<int:assignment_id>/category/", views.assignment_category, name="assignment_category"),
]
