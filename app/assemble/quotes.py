"""Find quoted speech and its speaker in a passage, for a brief's "Key quotes".

A heuristic, tuned on news prose: a quotation of several words followed or
preceded by "<Name> said/stated/…".  A surname is expanded to the full name
when the passage names the person in full elsewhere.

A quotation lies within one line of one paragraph and holds no other opening
quote mark, so an unclosed quote cannot swallow the text up to the next one.
Names never include titles ("President", "Adviser"), sentence-opening words
("On", "The"), weekdays or months: "On Tuesday Allawi" is not a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from app.text.dates import MONTHS

_VERBS = (
    r"(?:said|says|stated|states|added|adds|told|warned|warns|noted|notes|explained|declared|argued|wrote|according to)"
)
#: Words of a name are separated by spaces or tabs only: a name never runs across a line break.
_NAME = r"(?P<speaker>[A-Z][\w'’.-]+(?:[ \t]+(?:al-|bin[ \t]+|de[ \t]+|van[ \t]+)?[A-Z][\w'’.-]+){0,3})"
_QUOTED = r"[“\"](?P<quote>[^“”\"\n]{12,600}?)[”\"]"
_AFTER = re.compile(_QUOTED + r"\s*,?\s*" + _NAME + r"\s+" + _VERBS)
_AFTER_VERB_FIRST = re.compile(_QUOTED + r"\s*,?\s*" + _VERBS + r"\s+" + _NAME)
_BEFORE = re.compile(_NAME + r"\s+" + _VERBS + r"\s*[:,]?\s*" + _QUOTED)
_MIN_WORDS = 4
#: One capitalised word before a surname, when looking for the person's full name elsewhere in the passage.
_GIVEN = r"[A-Z][\w'’-]+[ \t]+"

#: Capitalised words that open a sentence or a phrase but never belong to a person's name.
_FUNCTION_WORD_LIST = """
    A An The This That These Those On In At After Before During Since Until Upon By For From Of To With Without
    Within Under Over Against Amid Among About Across Through Throughout Into Onto Per Via As And But Or Nor So Yet
    If When While Where Whereas Although Though Because Once Meanwhile Later Earlier Last Next Then Today Tonight
    Yesterday Tomorrow Also However Still Now Here There According Speaking Asked Both Each Every Some Many Most
    I He She It We They You His Her Its Our Their My Your
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split()) | frozenset(MONTHS)
#: Titles and roles: written before a name, never part of it ("Adviser Hussein Allawi" is Hussein Allawi).
_TITLE_LIST = """
    President Vice Prime Minister Deputy Foreign Interior Defence Defense Finance Adviser Advisor Spokesman
    Spokeswoman Spokesperson Secretary General Gen Gen. Lieutenant Lt Lt. Colonel Col Col. Major Maj Captain Capt
    Commander Chief Director Chairman Chairwoman Ambassador Envoy Senator Sen Sen. Representative Rep Rep.
    Governor Mayor Judge Speaker Sheikh Sheik Imam Ayatollah Emir Sultan Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof.
    Professor MP National Security Council Cabinet Ministry Government Parliament Former Acting
"""
_TITLES = frozenset(_TITLE_LIST.split())


#: Passages whose quotations are remembered: a preview worker looks through the same sections after every edit.
PASSAGES_REMEMBERED = 4_000


@lru_cache(maxsize=PASSAGES_REMEMBERED)
def find_quotes(text: str) -> tuple[tuple[str, str], ...]:
    """(quotation, speaker) pairs in order of appearance, each quotation once.

    ``text`` may hold several paragraphs (joined by blank lines): quotations are
    found line by line, while a surname is expanded from anywhere in the text.
    A quotation whose speaker is only a pronoun ("He said") is left out; a bare
    title ("The Minister said") stands in for a name.
    """
    found: dict[int, tuple[str, str]] = {}
    full_names: dict[str, str] = {}  # one search of the text per speaker: a long passage quotes one person often
    for line in re.finditer(r"[^\n]+", text):
        for pattern, keep_last in ((_AFTER, True), (_AFTER_VERB_FIRST, False), (_BEFORE, True)):
            for match in pattern.finditer(line.group()):
                position = line.start() + match.start("quote")
                quote = match.group("quote").strip().rstrip(",")
                if len(quote.split()) < _MIN_WORDS or position in found:
                    continue
                speaker = _clean_speaker(match.group("speaker"), keep_last)
                if speaker:
                    if speaker not in full_names:
                        full_names[speaker] = _full_name(speaker, text)
                    found[position] = (quote, full_names[speaker])
    return tuple(found[k] for k in sorted(found))


def _is_name_word(word: str) -> bool:
    return word not in _FUNCTION_WORDS and word not in _TITLES


def _runs(words: list[str], keep: Callable[[str], bool]) -> list[list[str]]:
    """The maximal runs of consecutive words that ``keep`` accepts."""
    runs: list[list[str]] = [[]]
    for word in words:
        if keep(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _clean_speaker(speaker: str, keep_last: bool) -> str:
    """The name in what the pattern caught, from the run of words next to the verb ("On Tuesday Allawi" → Allawi).

    With no name there, a title stands in ("The Prime Minister said" → Prime Minister); a pronoun gives ''.
    """
    words = speaker.split()
    for keep in (_is_name_word, _TITLES.__contains__):
        runs = _runs(words, keep)
        if runs:
            return " ".join(runs[-1] if keep_last else runs[0])
    return ""


def _full_name(speaker: str, text: str) -> str:
    """A lone surname expanded to the full name the passage gives elsewhere ("Allawi" → "Hussein Allawi").

    The capitalised words before the surname count as given names only if none
    is a sentence-opening word, weekday or month; titles before them are left out.
    """
    if " " in speaker or speaker in _TITLES:
        return speaker
    pattern = r"(?<![\w'’.-])((?:" + _GIVEN + r"){1,3})" + re.escape(speaker) + r"(?![\w'’-])"
    for match in re.finditer(pattern, text):
        words = match.group(1).split()
        if any(word in _FUNCTION_WORDS for word in words):
            continue
        given: list[str] = []
        for word in reversed(words):
            if word in _TITLES:
                break
            given.insert(0, word)
        if given:
            return " ".join([*given, speaker])
    return speaker
