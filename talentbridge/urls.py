from django.contrib import admin
from django.urls import include, path

from talentbridge.api import api

urlpatterns = [
    path("", include("talentbridge.core.urls")),
    path("accounts/", include("talentbridge.accounts.urls")),
    path("taxonomy/", include("talentbridge.taxonomy.urls")),
    path("municipalities/", include("talentbridge.municipalities.urls")),
    path("candidates/", include("talentbridge.candidates.urls")),
    path("employers/", include("talentbridge.employers.urls")),
    path("matches/", include("talentbridge.pipeline.urls")),
    path("pathways/", include("talentbridge.pathways.urls")),
    path("placement/", include("talentbridge.placement.urls")),
    path("reports/", include("talentbridge.reports.urls")),
    path("privacy/", include("talentbridge.privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
