"""How labels and queries are normalised before lexical matching.

Job titles arrive as people write them: in Danish or English, upper or lower case, with or
without æ/ø/å, inflected ("svejserne", "welders"), abbreviated ("sosu-hjælper", "pæd.",
"HGV driver") or in a gendered form ("servitrice", "waitress"). Labels and queries go through
the same :func:`normalise` and :func:`stem`, so both sides meet in one form; a query is
further expanded into a few :func:`variants` (abbreviations spelled out, gendered forms made
neutral, hyphenated compounds joined), and the best-scoring variant wins.

Pure functions, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Folded forms of letters that NFKD does not decompose. Danish letters fold to their usual
# transliteration, which is also what people type on a keyboard without them.
_FOLD = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ł": "l"}
)
# Arabic: one form of alef, taa marbuta as haa, alef maqsura as yaa; no tatweel.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_WORD = re.compile(r"[^\W_]+")
# Combining marks: Latin accents, and Arabic short vowels and shadda (NFKD keeps Arabic letters).
_COMBINING = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]")

# Danish and English inflection endings, longest first. Stripping is crude on purpose: the
# same rule applies to labels and queries, so "svejser", "svejseren", "svejsere" and
# "svejserne" all become "svejs", and "welder", "welders", "welding" become "weld".
_SUFFIXES = ("erne", "eren", "ende", "ere", "ene", "ers", "ing", "er", "en", "es", "et", "e", "s")
_KEEP_S = ("ss", "us", "is", "ys")

# Common Danish and English abbreviations in job titles, as folded lower-case tokens.
ABBREVIATIONS: dict[str, str] = {
    # Danish
    "sosu": "social og sundhedsassistent",
    "ssa": "social og sundhedsassistent",
    "ssh": "social og sundhedshjaelper",
    "paed": "paedagog",
    "paedmedhj": "paedagogmedhjaelper",
    "medhj": "medhjaelper",
    "it": "ikt",
    "ikt": "it",
    "hk": "kontorassistent",
    "vvs": "vvs montoer blikkenslager",
    "vvser": "vvs montoer blikkenslager",
    "ing": "ingenioer",
    "ass": "assistent",
    "ekspd": "ekspedient",
    "lagerarb": "lagerarbejder",
    "arb": "arbejder",
    "chauf": "chauffoer",
    "spl": "sygeplejerske",
    "sygpl": "sygeplejerske",
    "hjemmehj": "hjemmehjaelper",
    "kontorass": "kontorassistent",
    "fagl": "faglaert",
    "tandl": "tandlaege",
    "truckfoerer": "gaffeltruckfoerer",
    # English
    "dev": "developer",
    "devs": "developer",
    "swe": "software engineer",
    "sw": "software",
    "eng": "engineer",
    "mgr": "manager",
    "asst": "assistant",
    "tech": "technician",
    "admin": "administrative assistant",
    "hgv": "heavy goods vehicle lorry",
    "lgv": "heavy goods vehicle lorry",
    "qa": "quality assurance",
    "hr": "human resources",
    "rn": "registered nurse",
    "cna": "nursing assistant",
    "pa": "personal assistant",
    "ict": "it",
    "ops": "operations",
    "vet": "veterinarian",
    "lab": "laboratory",
    "maint": "maintenance",
    "elec": "electrician",
    "mech": "mechanic",
    "hvac": "heating ventilation air conditioning",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
}

# Gendered titles and their neutral forms, as folded lower-case tokens.
GENDERED: dict[str, str] = {
    "ekspeditrice": "ekspedient",
    "servitrice": "tjener",
    "sygeplejer": "sygeplejerske",
    "rengoeringsdame": "rengoeringsassistent",
    "rengoeringskone": "rengoeringsassistent",
    "kassedame": "kasseassistent",
    "syerske": "syer",
    "frisoerinde": "frisoer",
    "husholderske": "husholder",
    "waitress": "waiter",
    "stewardess": "steward",
    "actress": "actor",
    "seamstress": "tailor",
    "chairwoman": "chairman",
    "saleswoman": "salesperson",
    "salesman": "salesperson",
    "businesswoman": "businessman",
    "policewoman": "police officer",
    "policeman": "police officer",
    "headmistress": "head teacher",
    "housekeeper": "housekeeper",
}


def fold(text: str) -> str:
    """Lower-case, fold diacritics and Danish letters, unify Arabic letter forms.

    >>> fold("Social- og SUNDHEDSHJÆLPER")
    'social- og sundhedshjaelper'
    """
    text = text.lower()
    if text.isascii():
        return text
    text = text.translate(_FOLD).translate(_ARABIC)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Strip one Danish or English inflection ending (and the Arabic article) from a token.

    >>> [stem(t) for t in ("svejserne", "svejser", "welders", "sygeplejersker")]
    ['svejs', 'svejs', 'weld', 'sygeplejersk']
    """
    if not token.isascii():
        if token.startswith("ال") and len(token) > 4:
            return token[2:]
        return token
    if len(token) <= 4 or token.isdigit():
        return token
    if token.endswith("ies") and len(token) > 5:
        return token[:-3] + "y"
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith(_KEEP_S):
                continue
            return token[: -len(suffix)]
    return token


def tokens(text: str) -> list[str]:
    """The folded word tokens of ``text`` (punctuation and hyphens separate words)."""
    return _WORD.findall(fold(text))


def normalise(text: str) -> str:
    """Folded, stemmed tokens joined by spaces: the form that labels and queries are indexed in.

    >>> normalise("Svejserne (MIG/MAG)")
    'svejs mig mag'
    """
    return " ".join(stem(t) for t in tokens(text))


def label_forms(label: str) -> list[str]:
    """The indexed forms of a label: normalised, plus its hyphenated compounds joined.

    >>> label_forms("sosu-hjælper")
    ['sosu hjaelp', 'sosuhjaelp']
    """
    forms = [normalise(label)]
    if "-" in label:
        joined = normalise(re.sub(r"(?<=\w)-(?=\w)", "", label))
        if joined and joined != forms[0]:
            forms.append(joined)
    return [f for f in forms if f]


def variants(query: str) -> list[str]:
    """Normalised forms of a query to score: as typed, compounds joined, abbreviations and
    gendered forms replaced. The first is always the query as typed.

    >>> variants("SOSU-hjælper")[:2]
    ['sosu hjaelp', 'sosuhjaelp']
    """
    words = tokens(query)
    found = label_forms(query) or [""]
    expanded, changed = [], False
    for i, word in enumerate(words):
        if word == "sosu" and i + 1 < len(words):
            # "sosu-assistent", "sosu hjælper": the abbreviation is the first half of a compound.
            expanded.append("social og sundheds" + words[i + 1])
            changed = True
            words[i + 1] = ""
            continue
        replacement = GENDERED.get(word) or ABBREVIATIONS.get(word)
        if replacement:
            expanded.append(replacement)
            changed = True
        elif word:
            expanded.append(word)
    if changed:
        form = normalise(" ".join(expanded))
        if form and form not in found:
            found.append(form)
    return found


def is_latin(text: str) -> bool:
    """True when the letters of ``text`` are (mostly) Latin, so lexical matching can work."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin >= 0.8 * len(letters)
