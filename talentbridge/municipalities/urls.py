from django.urls import path

from . import views

app_name = "municipalities"

urlpatterns = [
    path("", views.index, name="index"),
    path("quotas/import/", views.import_quotas, name="import_quotas"),
    path("quotas/split/", views.split_quotas, name="split_quotas"),
]
