"""Near-duplicate passages across documents: the same wire story in several outlets, a press release quoted whole.

Comparing every paragraph with every other is quadratic: a thousand sources of
thirty paragraphs would be 450 million comparisons. Instead each paragraph is
cut into overlapping runs of words (shingles), and only paragraphs of different
owners that share several runs become candidates; rapidfuzz then confirms each
candidate by its similarity, the shorter paragraph against its best match in the
longer one, so a passage quoted inside a longer paragraph is found too. Runs
that occur in very many paragraphs (boilerplate such as "all rights reserved")
are ignored as evidence, and the candidates kept are capped, which keeps the
work linear in the text and the memory bounded whatever the input.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

K = TypeVar("K", bound=Hashable)

#: Words per shingle: long enough that two independent texts rarely share one by chance.
SHINGLE_WORDS = 5
#: A paragraph shorter than this is a heading, a dateline or a caption, not a passage worth matching.
MIN_WORDS = 12
#: Candidates must share this many shingles, and the confirmed similarity (0–100) must reach MIN_SIMILARITY.
MIN_SHARED = 3
MIN_SIMILARITY = 85.0
#: A shingle in more paragraphs than this is boilerplate, not evidence of a shared passage.
MAX_POSTINGS = 200
#: Candidate pairs kept at most: a source repeating one paragraph hundreds of times must not fill memory.
MAX_PAIRS = 500_000

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Passage(Generic[K]):
    """A paragraph to compare: ``key`` names it, ``owner`` is its document (a document never repeats itself)."""

    key: K
    owner: Hashable
    text: str


def repeated_passages(passages: Sequence[Passage[K]]) -> dict[K, list[K]]:
    """For each key with a passage another owner's passage nearly repeats, those passages' keys, in input order
    (passages may share a key, a section's paragraphs say: their repeats are gathered under it)."""
    words = [_words(p.text) for p in passages]
    shingles = [_shingles(found) if len(found) >= MIN_WORDS else set() for found in words]
    # Most runs of words are in one paragraph only: counted in C, they cost no Python step after this.
    counts = Counter(itertools.chain.from_iterable(shingles))
    evidence = {shingle for shingle, count in counts.items() if 1 < count <= MAX_POSTINGS}
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, found in enumerate(shingles):
        for shingle in found & evidence:
            postings[shingle].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for posting in postings.values():
        pairs = ((a, b) for a, b in itertools.combinations(posting, 2) if passages[a].owner != passages[b].owner)
        if len(shared) < MAX_PAIRS:
            shared.update(pairs)
        else:  # bounded memory: count only the candidates already found
            shared.update(pair for pair in pairs if pair in shared)
    matches: dict[int, set[int]] = defaultdict(set)
    for (first, second), count in shared.items():
        if count >= MIN_SHARED and _similar(words, first, second):
            matches[first].add(second)
            matches[second].add(first)
    repeats: dict[K, list[K]] = {}
    for index, matched in sorted(matches.items()):
        others = repeats.setdefault(passages[index].key, [])
        others.extend(key for key in (passages[j].key for j in sorted(matched)) if key not in others)
    return repeats


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Every run of SHINGLE_WORDS words (zip builds and the set hashes them in C: this is the hot loop)."""
    return set(zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))


def _similar(words: list[list[str]], first: int, second: int) -> bool:
    """The shorter paragraph nearly whole inside the longer: rapidfuzz's best partial alignment of the two.

    A passage repeated word for word (the same wire story in two outlets, the commonest repeat) is inside the
    other as it is: found by a substring search, in a microsecond rather than the alignment's millisecond.
    """
    a, b = " ".join(words[first]), " ".join(words[second])
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if shorter in longer:
        return True
    return fuzz.partial_ratio(shorter, longer, score_cutoff=MIN_SIMILARITY) >= MIN_SIMILARITY
