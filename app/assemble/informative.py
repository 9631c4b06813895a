"""Which sentences say the most: the ones a brief leads with when the analyst has not written them.

A reader of a brief wants facts: figures, who, when, what was decided.  A
sentence's score counts exactly those signals — numbers, named entities
(capitalised words that do not open the sentence), dates, and decision verbs —
so "Fewer than 5,000 Iraqis joined, Allawi said on 3 March" beats a scene-setting
first sentence.  Sentences in the brief's main writing system come first, so an
English brief never leads with an Arabic sentence.  Pure functions over text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from app.text.datelines import strip_dateline
from app.text.dates import MONTHS
from app.text.scripts import dominant_script, main_script, script_counts
from app.text.sentences import split_sentences

_NUMBER = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_WORDS = frozenset((*MONTHS, *_DAYS))
#: Verbs of decision and action: what a director reads a brief to learn.
_DECISION_VERBS = re.compile(
    r"\b(?:decid|approv|adopt|ban|sign|order|arrest|sentenc|prosecut|charg|criminali[sz]|enforc|announc|launch|"
    r"agree|reject|impos|dismantl|recruit|warn|pledg|recommend|must|will)\w*",
    re.IGNORECASE,
)
#: Sentences shorter than this say too little to stand alone; longer ones are penalised as hard to scan.
_MIN_WORDS, _LONG_WORDS = 6, 45
_LEAD_BONUS = 1.0
#: Sentences whose score and script are remembered (a few megabytes at most: sentences are short).
SENTENCES_REMEMBERED = 20_000
#: Passages whose sentences and key sentence are remembered: a preview worker builds the same brief again after
#: every edit, and splitting and scoring its passages was a third of building a long one.
PASSAGES_REMEMBERED = 4_000


def score(sentence: str, min_words: int = _MIN_WORDS) -> float:
    """How informative one sentence is: a weighted count of numbers, names, dates and decision verbs.

    A sentence of fewer than ``min_words`` words scores nothing (headings pass 1).
    """
    words = _WORD.findall(sentence)
    if len(words) < min_words:
        return 0.0
    names = sum(1 for w in words[1:] if w[0].isupper() and w not in _DATE_WORDS)
    dates = sum(1 for w in words if w in _DATE_WORDS) + len(_YEAR.findall(sentence))
    numbers = len(_NUMBER.findall(sentence)) - len(_YEAR.findall(sentence))
    verbs = len(_DECISION_VERBS.findall(sentence))
    value = 2.0 * min(numbers, 3) + 1.0 * min(names, 5) + 1.5 * min(dates, 2) + 1.0 * min(verbs, 3)
    if len(words) > _LONG_WORDS:
        value -= (len(words) - _LONG_WORDS) / 10
    return value


@lru_cache(maxsize=PASSAGES_REMEMBERED)
def sentences_of(text: str, language: str = "") -> tuple[str, ...]:
    """The sentences of a passage (paragraphs split by blank lines), news datelines removed."""
    return tuple(s for p in re.split(r"\n\s*\n", text) for s in split_sentences(strip_dateline(p.strip()), language))


@lru_cache(maxsize=PASSAGES_REMEMBERED)
def key_sentence(text: str, language: str = "", said: str = "") -> str:
    """The passage's most informative sentence not already in ``said``; the earliest wins a tie, so an equal lead
    stays first."""
    said = " ".join(said.split())
    sentences = [s for s in sentences_of(text, language) if not said or " ".join(s.split()) not in said]
    ranked = [(_sentence_facts(s)[0], -n, s) for n, s in enumerate(sentences)]
    return max(ranked)[2] if ranked else ""


def main_writing_system(texts: Iterable[str]) -> str | None:
    """The writing system most of the text is in (``Latin``, ``Arabic``, …): the brief's main language."""
    total: Counter[str] = Counter()
    for text in texts:
        total.update(_passage_scripts(text))
    return dominant_script(total)


@lru_cache(maxsize=PASSAGES_REMEMBERED)
def _passage_scripts(text: str) -> Counter[str]:
    """How many letters of each script a passage holds, remembered (the same passages come back each build)."""
    return script_counts(text)


def sentence_script(sentence: str) -> str | None:
    """The writing system a sentence is in, remembered with its score."""
    return _sentence_facts(sentence)[1]


def most_informative(passages: list[tuple[str, str]], count: int = 2) -> list[str]:
    """The ``count`` best sentences of ``passages`` ((text, language) pairs), in the order the passages give them.

    Only sentences in the main writing system compete, unless there are none; a passage's first sentence
    gets a small bonus, as news writes its lead to be read alone.
    """
    script = main_writing_system(text for text, _ in passages)
    candidates = [(s, n == 0) for text, language in passages for n, s in enumerate(sentences_of(text, language))]
    preferred = [c for c in candidates if _sentence_facts(c[0])[1] == script] or candidates
    ranked = sorted(
        range(len(preferred)),
        key=lambda i: (-_sentence_facts(preferred[i][0])[0] - _LEAD_BONUS * preferred[i][1], i),
    )
    return [preferred[i][0] for i in sorted(ranked[:count])]


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def _sentence_facts(sentence: str) -> tuple[float, str | None]:
    """A sentence's score and writing system, remembered: a brief is built again after every edit (and once more
    for its checks) from mostly the same sentences, and scoring them all was most of building a long brief's
    bottom line."""
    return score(sentence), main_script(sentence)
