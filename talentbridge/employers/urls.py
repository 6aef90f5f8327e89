from django.urls import path

from .views import demand, imports, interactions, needs, openings, portal, register

app_name = "employers"

urlpatterns = [
    # The company register
    path("", register.index, name="index"),
    path("new/", register.create, name="create"),
    path("<int:pk>/", register.detail, name="detail"),
    path("<int:pk>/edit/", register.edit, name="edit"),
    path("<int:pk>/sites/new/", register.site_create, name="site_create"),
    path("sites/<int:pk>/", register.site_edit, name="site_edit"),
    path("sites/<int:pk>/delete/", register.site_delete, name="site_delete"),
    path("<int:pk>/contacts/new/", register.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", register.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", register.contact_delete, name="contact_delete"),
    # Contact history and reminders
    path("<int:pk>/interactions/new/", interactions.create, name="interaction_create"),
    path("interactions/<int:pk>/", interactions.edit, name="interaction_edit"),
    path("interactions/<int:pk>/done/", interactions.follow_up_done, name="follow_up_done"),
    path("follow-ups/", interactions.follow_ups, name="follow_ups"),
    # Needs and the demand map
    path("needs/", needs.index, name="needs"),
    path("<int:pk>/needs/new/", needs.create, name="need_create"),
    path("needs/<int:pk>/", needs.edit, name="need_edit"),
    path("needs/<int:pk>/confirm/", needs.confirm, name="need_confirm"),
    path("needs/<int:pk>/close/", needs.close, name="need_close"),
    path("surveys/new/", needs.survey_create, name="survey_create"),
    path("demand/", demand.index, name="demand"),
    path("demand/chart.svg", demand.chart, name="demand_chart"),
    # Openings
    path("openings/", openings.index, name="openings"),
    path("openings/new/", openings.create, name="opening_create"),
    path("openings/<int:pk>/", openings.detail, name="opening"),
    path("openings/<int:pk>/edit/", openings.edit, name="opening_edit"),
    path("openings/<int:pk>/status/", openings.move, name="opening_move"),
    # Import
    path("import/", imports.upload, name="import"),
    # The employer portal
    path("portal/", portal.index, name="portal"),
    path("portal/candidates/", portal.candidates, name="portal_candidates"),
    path("portal/candidates/<str:reference>/", portal.candidate, name="portal_candidate"),
]
