"""Near-duplicate passages: found across documents when reworded a little or quoted inside a longer paragraph,
never within one document, never from boilerplate or short lines."""

from __future__ import annotations

import random

from app.text.overlap import Passage, repeated_passages

WIRE = (
    "Iraq's National Security Advisor chaired a meeting on Sunday to curb the recruitment of Iraqi citizens "
    "into the Russian army, and the committee agreed to prosecute the travel agencies involved."
)
OTHER = "The ministry of planning published its annual report on the country's population and housing census data."


def test_the_same_story_in_two_outlets_is_found_both_ways():
    found = repeated_passages(
        [Passage("a1", "a", WIRE), Passage("b1", "b", WIRE.replace("Sunday", "Sunday,")), Passage("c1", "c", OTHER)]
    )
    assert found == {"a1": ["b1"], "b1": ["a1"]}


def test_a_lightly_edited_copy_still_counts():
    edited = WIRE.replace("Iraq's", "The").replace("agreed to prosecute", "agreed it would prosecute")
    assert repeated_passages([Passage(1, "a", WIRE), Passage(2, "b", edited)]) == {1: [2], 2: [1]}


def test_a_passage_quoted_inside_a_longer_paragraph_is_found():
    longer = f"In a statement read to reporters, officials said: {WIRE} Critics called the measures overdue."
    assert repeated_passages([Passage(1, "a", WIRE), Passage(2, "b", longer)]) == {1: [2], 2: [1]}


def test_a_document_does_not_repeat_itself():
    assert repeated_passages([Passage(1, "a", WIRE), Passage(2, "a", WIRE)]) == {}


def test_short_lines_and_different_texts_are_no_repeats():
    short = "Iraq's National Security Advisor chaired a meeting"
    assert (
        repeated_passages(
            [Passage(1, "a", short), Passage(2, "b", short), Passage(3, "c", OTHER), Passage(4, "d", WIRE)]
        )
        == {}
    )


def test_boilerplate_shared_by_hundreds_of_pages_is_not_evidence():
    footer = "All rights reserved. No part of this article may be reproduced without the publisher's permission."
    passages = [
        Passage(n, n, f"{footer} Story number {n} about something else entirely, with words.") for n in range(300)
    ]
    found = repeated_passages(passages)
    assert found == {}


def test_a_thousand_sources_with_one_shared_story():
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    passages = [Passage((n, p), n, " ".join(rng.choices(vocabulary, k=40))) for n in range(1000) for p in range(5)]
    passages += [Passage(("wire", n), n, WIRE) for n in range(0, 1000, 100)]
    found = repeated_passages(passages)
    assert set(found) == {("wire", n) for n in range(0, 1000, 100)}
    assert found[("wire", 0)] == [("wire", n) for n in range(100, 1000, 100)]


def test_a_source_repeating_its_paragraphs_stays_bounded():
    body = " ".join(f"w{k}" for k in range(60))
    passages = [Passage((o, n), o, f"{body} number {n}") for o in range(2) for n in range(90)]
    found = repeated_passages(passages)  # 8,100 candidate pairs a shingle: counted, never the square of all
    assert len(found) == 180 and all(len(others) == 90 for others in found.values())
