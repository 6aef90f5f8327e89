"""Where an imported posting is: from a municipality, a postal code or a town to our municipality.

The rule, in this order (the first that answers wins):

1. an explicit municipality: its 3–4 digit code or its name ("Herning", "Herning Kommune");
2. the postal code, read in the postal-code table (``postcodes.py``: each listed code starts a
   range that runs to the next listed code);
3. the town: a municipality's name, or a postal town ("Aarhus C", "Kongens Lyngby").

Nothing else is guessed: a posting that none of these places is an error naming its field.
"""

from __future__ import annotations

from talentbridge.municipalities.models import Municipality

from .postcodes import _clean, municipality_for_postal_code, municipality_for_town


class MunicipalityIndex:
    def __init__(self) -> None:
        self.by_code = {m.code: m for m in Municipality.objects.select_related("region")}
        self.by_name = {_clean(m.name): m for m in self.by_code.values()}

    def explicit(self, value) -> Municipality | None:
        """A municipality named by code or name; None when blank or not a municipality."""
        text = str(value or "").strip()
        if not text:
            return None
        if text.isdigit():
            return self.by_code.get(text.zfill(4))
        name = _clean(text)
        for suffix in (" kommune", " municipality"):
            name = name.removesuffix(suffix)
        return self.by_name.get(name)

    def locate(self, *, municipality=None, postal_code=None, locality=None) -> Municipality | None:
        found = self.explicit(municipality)
        if found is not None:
            return found
        code = municipality_for_postal_code(postal_code)
        if code and code in self.by_code:
            return self.by_code[code]
        if locality:
            found = self.explicit(locality)
            if found is not None and not str(locality).strip().isdigit():
                return found
            code = municipality_for_town(locality)
            if code:
                return self.by_code.get(code)
        return None
