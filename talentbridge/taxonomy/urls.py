from django.urls import path

from . import views

app_name = "taxonomy"

urlpatterns = [
    path("", views.index, name="index"),
    path("concept/", views.concept_lookup, name="concept-lookup"),
    path("concept/<int:pk>/", views.concept, name="concept"),
]
