from django.urls import path

from canbo.careers import views

app_name = "careers"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("evaluations/", views.home, name="evaluations_home"),
    path("evaluations/<str:code>/", views.evaluation_list, name="evaluations"),
    path("evaluations/<str:code>/distribution/", views.distribution, name="distribution"),
    path("evaluations/<str:code>/distribution.xlsx", views.distribution_xlsx, name="distribution_xlsx"),
    path("evaluations/<str:code>/import/", views.evaluation_import, name="evaluation_import"),
    path("person/<int:pk>/evaluations/", views.person_panel, name="person_evaluations"),
    path("person/<int:pk>/evaluations/<int:year>/", views.evaluation_edit, name="evaluation_edit"),
]
