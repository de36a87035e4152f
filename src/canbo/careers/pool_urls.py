from django.urls import path

from canbo.careers import pool_views as views

app_name = "pools"

urlpatterns = [
    path("", views.terms, name="terms"),
    path("terms/new/", views.term_create, name="term_create"),
    path("terms/<str:term>/", views.term, name="term"),
    path("terms/<str:term>/posts/new/", views.post_create, name="post_create"),
    path("terms/<str:term>/decisions/new/", views.decision_create, name="decision_create"),
    path("terms/<str:term>/units/<str:unit>/", views.unit_pool, name="unit"),
    path("posts/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("posts/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("rounds/<int:pk>/votes/", views.vote_record, name="vote_record"),
]
