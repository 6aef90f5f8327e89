from django.urls import path

from . import views

app_name = "pathways"

urlpatterns = [
    path("", views.index, name="index"),
    path("candidates/<str:reference>/", views.timeline, name="timeline"),
    path("steps/<int:pk>/", views.step_edit, name="step_edit"),
    path("steps/<int:pk>/delete/", views.step_delete, name="step_delete"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up, name="follow_up"),
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/<int:pk>/", views.mentor, name="mentor"),
    path(
        "mentors/<int:pk>/candidates/<str:reference>/remove/",
        views.mentor_unassign,
        name="mentor_unassign",
    ),
]
