"""Which accented letters each Latin-script language writes: what tells apart 8-bit encodings of the same letters.

Windows-1250 and Windows-1252 agree on plain letters and differ on accented
ones, and both decodings of a Czech file read cleanly letter by letter:
"včera" or "vèera". What gives the wrong one away is the mix: è, ì and ø
together belong to no language, while č, ě and ř are all Czech. So a
decoding's accented letters are compared with each language's alphabet, and
the count of letters the best-fitting language lacks is its misfit. Letters
a language uses only in borrowed words (French æ, German é) are left out;
the misfit only ranks decodings of the same bytes against each other.
"""

from __future__ import annotations

from app.text.scripts import script_of

#: The accented letters of common Latin-script languages, lower case.
ALPHABETS: dict[str, frozenset[str]] = {
    language: frozenset(letters)
    for language, letters in {
        "en": "",
        "fr": "àâçéèêëîïôœùûü",
        "de": "äöüß",
        "es": "áéíñóúü",
        "pt": "áâãàçéêíóôõú",
        "it": "àèéìíòóù",
        "ca": "àçèéíïòóúü",
        "nl": "áéëèïóöü",
        "sv": "åäöé",
        "da": "æøåé",
        "is": "áðéíóúýþæö",
        "et": "äöõüšž",
        "pl": "ąćęłńóśźż",
        "cs": "áčďéěíňóřšťúůýž",
        "sk": "áäčďéíĺľňóôŕšťúýž",
        "hu": "áéíóöőúüű",
        "hr": "čćđšž",
        "sl": "čšž",
        "ro": "ăâîșțşţ",
        "tr": "çğıöşüâî",
        "sq": "çë",
        "lv": "āčēģīķļņšūž",
        "lt": "ąčęėįšųūž",
        "mt": "ċġħżàèìòù",
        "cy": "âêîôûŵŷ",
    }.items()
}


def misfit(text: str) -> int:
    """How many of the text's accented Latin letters the best-fitting language's alphabet lacks (0: one fits all)."""
    letters = {char for char in text.lower() if not char.isascii() and script_of(char) == "Latin"}
    return min(len(letters - alphabet) for alphabet in ALPHABETS.values())
