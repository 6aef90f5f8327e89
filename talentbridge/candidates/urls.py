from django.urls import path, register_converter

from .views import assessment, card, consent, handover, registry, review, selfassess


class ReferenceConverter:
    regex = "[A-Za-z]{2}-[A-Za-z0-9]{7}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "ref")

app_name = "candidates"

urlpatterns = [
    path("", registry.index, name="index"),
    path("new/", registry.register, name="register"),
    path("import/", handover.import_view, name="import"),
    path("households/", registry.households, name="households"),
    path("households/<ref:reference>/", registry.household, name="household"),
    path("card/", card.lookup, name="card_lookup"),
    path("fonts/<slug:slug>.ttf", card.font, name="font"),
    # The candidate's own pages (no account: a one-time code).
    path("self/", selfassess.start, name="self_start"),
    path("self/consent/", selfassess.consent, name="self_consent"),
    path("self/consent/withdraw/", selfassess.withdraw, name="self_withdraw"),
    path("self/answers/", selfassess.answers, name="self_answers"),
    path("self/done/", selfassess.done, name="self_done"),
    path("self/end/", selfassess.end, name="self_end"),
    # One candidate.
    path("<ref:reference>/", registry.detail, name="detail"),
    path("<ref:reference>/edit/", registry.edit, name="edit"),
    path("<ref:reference>/personal/", registry.personal, name="personal"),
    path("<ref:reference>/consent/", consent.decide, name="consent"),
    path("<ref:reference>/code/", consent.issue_code, name="issue_code"),
    path("<ref:reference>/assessment/", assessment.assessment, name="assessment"),
    path("<ref:reference>/assessment/sign-off/", assessment.sign_off, name="sign_off"),
    path("<ref:reference>/assessment/history/", assessment.history, name="history"),
    path("<ref:reference>/assessment/v<int:number>/", assessment.version, name="version"),
    path(
        "<ref:reference>/assessment/confirm-skill/", assessment.confirm_skill, name="confirm_skill"
    ),
    path(
        "<ref:reference>/assessment/skills/<int:entry>/",
        assessment.update_skill,
        name="update_skill",
    ),
    path("<ref:reference>/assessment/<slug:section>/add/", assessment.add_entry, name="add_entry"),
    path(
        "<ref:reference>/assessment/<slug:section>/<int:entry>/delete/",
        assessment.remove_entry,
        name="remove_entry",
    ),
    path("<ref:reference>/self-assessments/<int:pk>/", review.self_assessment, name="self_review"),
    path("<ref:reference>/card/", card.card, name="card"),
    path("<ref:reference>/export/", handover.export_view, name="export"),
]
