"""The sentences a brief leads with when the analyst wrote none: informative ones, in the brief's language."""

from __future__ import annotations

from app.assemble.informative import key_sentence, most_informative, score

SCENE = "The issue has gained significant public and political traction following recent disclosures by officials."
FACT = "Hussein Allawi said on 25 December 2025 that nearly 5,000 Iraqis had joined the Russian army."
ARABIC = "كشف حسين علاوي أواخر عام 2025 أن نحو خمسة آلاف مواطن عراقي انضموا إلى الجيش الروسي وأرسلوا إلى القتال."


def test_numbers_names_and_dates_beat_scene_setting():
    assert score(FACT) > score(SCENE)
    assert key_sentence(f"{SCENE} {FACT}") == FACT


def test_a_short_fragment_scores_nothing_and_a_tie_keeps_the_first():
    assert score("Iraq acts.") == 0
    assert key_sentence("One two three four five six. Seven eight nine ten eleven twelve.") == (
        "One two three four five six."
    )


def test_capitalised_words_count_only_inside_a_sentence():
    assert score("Reports suggest that some people joined for money and work abroad.") < score(
        "Reports suggest that Iraqi people joined Wagner for money and work abroad."
    )


def test_an_english_brief_never_leads_with_an_arabic_sentence():
    passages = [(ARABIC, "ar"), (f"{SCENE} {FACT}", "en"), (SCENE * 2, "en")]
    chosen = most_informative(passages, 2)
    assert ARABIC not in chosen and FACT in chosen
    assert most_informative([(ARABIC, "ar")], 1) == [ARABIC]  # an Arabic brief leads in Arabic


def test_chosen_sentences_keep_their_order():
    assert most_informative([(f"{FACT} {SCENE}", "en")], 2) == [FACT, SCENE]
