from django.urls import path

from canbo.people import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("export.xlsx", views.people_export, name="export"),
    path("new/", views.person_create, name="create"),
    path("profile/", views.profile, name="profile"),
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
    path("<int:pk>/assignments/new/", views.assignment_add, name="assignment_add"),
    path("<int:pk>/assignments/<int:assignment_id>/end/", views.assignment_end, name="assignment_end"),
]
