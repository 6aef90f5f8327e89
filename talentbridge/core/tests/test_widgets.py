from django import forms

from talentbridge.core.widgets import LargeSelect

CHOICES = [("", "---------"), (1, "Vestjysk Metal A/S"), (2, "Smith & <Søn>")]


class Plain(forms.Form):
    employer = forms.ChoiceField(choices=CHOICES, required=False)


class Large(forms.Form):
    employer = forms.ChoiceField(choices=CHOICES, required=False, widget=LargeSelect)


def normalised(html: str) -> str:
    return " ".join(html.replace(">\n", ">").replace("\n", " ").split()).replace("> <", "><")


def test_it_renders_what_django_select_renders():
    for required in (False, True):
        for data in ({"employer": "2"}, {}):
            plain, large = Plain(data), Large(data)
            plain.fields["employer"].required = large.fields["employer"].required = required
            assert normalised(str(large["employer"])) == normalised(str(plain["employer"]))
    assert 'value="2" selected>Smith &amp; &lt;Søn&gt;<' in str(
        Large({"employer": "2"})["employer"]
    )
