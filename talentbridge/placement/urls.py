from django.urls import path

from . import views

app_name = "placement"

urlpatterns = [
    path("", views.index, name="index"),
    path("runs/new/", views.new_run, name="new_run"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/compute/", views.compute, name="compute"),
    path("runs/<int:pk>/approve/", views.approve, name="approve"),
    path("runs/<int:pk>/export.csv", views.export, name="export"),
    path("runs/<int:pk>/households/<str:reference>/override/", views.override, name="override"),
    path("runs/<int:pk>/households/<str:reference>/exclude/", views.exclude, name="exclude"),
    path(
        "runs/<int:pk>/households/<str:reference>/exclude/<str:code>/remove/",
        views.unexclude,
        name="unexclude",
    ),
    path("incoming/", views.incoming, name="incoming"),
    path("model/", views.model_card, name="model"),
]
