from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("", views.index, name="index"),
    path("openings/<int:pk>/", views.opening, name="opening"),
    path("openings/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("candidates/<str:reference>/", views.candidate, name="candidate"),
    path("<int:pk>/", views.match, name="match"),
    path("<int:pk>/move/", views.move, name="move"),
    path("runs/", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/send/", views.run_send, name="run_send"),
    path("runs/<int:pk>/discard/", views.run_discard, name="run_discard"),
    path("courses/", views.course_list, name="courses"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<int:pk>/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/delete/", views.course_delete, name="course_delete"),
]
