"""In a real headless Chromium: the taxonomy page's autocomplete (app.js, the suggest API,
the Content-Security-Policy) finds a Danish title and opens the concept."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_autocomplete_finds_a_danish_title_and_opens_it(page, artifacts_dir):
    from talentbridge.taxonomy import search
    from talentbridge.taxonomy.sample import load_sample
    from talentbridge.test import PASSWORD, make_personas

    make_personas()
    load_sample()
    search.invalidate()
    errors = []
    # Script errors and CSP violations (a missing favicon is not ours to judge).
    page.on(
        "console",
        lambda m: (
            m.type == "error" and "Failed to load resource" not in m.text and errors.append(m.text)
        ),
    )

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "assessor")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")

    page.goto("/taxonomy/")
    page.type("#taxonomy-q", "svejsere", delay=30)
    option = page.locator(".autocomplete-list li", has_text="svejser").first
    option.wait_for()
    page.screenshot(path=str(artifacts_dir / "taxonomy-autocomplete.png"))
    option.dispatch_event("mousedown")
    page.wait_for_url(re.compile(r".*/taxonomy/concept/\d+/$"))
    assert page.locator("h1").inner_text() == "svejser"
    assert "perform metal inert gas welding" in page.content()
    assert not errors, errors
