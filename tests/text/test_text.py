"""Text helpers: datelines that name an outlet, and control characters removed from source text."""

from __future__ import annotations

import pytest

from app.text.controls import readable, strip_controls
from app.text.datelines import dateline_outlet, strip_dateline
from app.text.sentences import first_sentences, split_sentences

SUBJECT_FIRST = "Foreign Minister Fuad Hussein — speaking on Monday in Baghdad — said the networks would be closed."


@pytest.mark.parametrize(
    ("paragraph", "outlet", "rest"),
    [
        ("Peregraf — Iraqi National Security Advisor met.", "Peregraf", "Iraqi National Security Advisor met."),
        ("Abu Dhabi — The talks began.", "Abu Dhabi", "The talks began."),
        ("BAGHDAD (Reuters) — The government acted.", "Reuters", "The government acted."),
        ("WASHINGTON, D.C. (AP) — Officials met.", "AP", "Officials met."),
        ("LOS ANGELES, Calif. (AP) – Officials met.", "AP", "Officials met."),
        ("NEW YORK (Reuters) — Officials met.", "Reuters", "Officials met."),
        ("Reuters - The first paragraph.", "Reuters", "The first paragraph."),
        ("BAGHDAD (Reuters) - The government acted.", "Reuters", "The government acted."),
        ("Huntsville, Ala. (AP) — Officials met.", "AP", "Officials met."),
        ("SURABAYA, Indonesia/JAKARTA (Reuters) - Rescuers searched.", "Reuters", "Rescuers searched."),
        ("(Reuters) - Rescuers searched.", "Reuters", "Rescuers searched."),
        # a dateline in capitals names a place, not a publisher: it is stripped but gives no outlet
        ("BAGHDAD — The government acted.", "", "The government acted."),
        ("TRENTON — Gov. Chris Christie vetoed the bill.", "", "Gov. Chris Christie vetoed the bill."),
        ("NEW ORLEANS — The levees held.", "", "The levees held."),
        ("HUNTSVILLE, Alabama — The launch slipped.", "", "The launch slipped."),
        ("TRENTON, N.J. - The bill was vetoed.", "", "The bill was vetoed."),
        ("McALLEN, Texas — Agents met.", "", "Agents met."),
        ("WASHINGTON (CNN) -- Senators met.", "CNN", "Senators met."),
        ("TRENTON -- The bill was vetoed.", "", "The bill was vetoed."),
        # the subject of the sentence is not a dateline
        (SUBJECT_FIRST, "", SUBJECT_FIRST),
        ("Iraqi National Security Advisor Qassim al-Araji — in Baghdad — met.", "", None),
        ("Prime Minister Mohammed Shia’ al-Sudani - who chairs the council - agreed.", "", None),
        ("The committee met on Wednesday.", "", None),
    ],
)
def test_dateline(paragraph: str, outlet: str, rest: str | None):
    assert dateline_outlet(paragraph) == outlet
    assert strip_dateline(paragraph) == (paragraph if rest is None else rest)


def test_first_sentences_keep_a_subject_written_between_dashes():
    assert first_sentences(SUBJECT_FIRST, 1) == SUBJECT_FIRST


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[2J\x1b[31mRed alert\x1b[0m here", "Red alert here"),
        ("Title\x1b]0;pwned\x07 text", "Title text"),
        ("a \x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\ b", "a link b"),
        ("8-bit \x9b1mCSI\x9d0;x\x9c done", "8-bit CSI done"),
        ("bell\x07 back\x08 del\x7f nul\x00 eof\x1a", "bell back del nul eof"),
        ("keeps\ttab\nand\r\nlines", "keeps\ttab\nand\r\nlines"),
        ("page\x0cbreak and\x85next", "page\nbreak and\nnext"),
        ("stray \x1b at the end \x1b", "stray  at the end "),
        ("Arabic بغداد and “quotes” stay", "Arabic بغداد and “quotes” stay"),
    ],
)
def test_strip_controls(raw: str, clean: str):
    assert strip_controls(raw) == clean


def test_unterminated_string_command_does_not_swallow_the_text():
    assert strip_controls("\x1b]0;no terminator\nThe committee met.") == "0;no terminator\nThe committee met."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("caf\udce9.txt", "café.txt"),  # a Windows-1252 file name read on a UTF-8 system
        ("half \ud83d pair", "half \ufffd pair"),  # broken UTF-16 from a PDF
        ("\udc81\udc82", "\ufffd\u201a"),  # bytes Windows-1252 leaves undefined become replacement characters
        ("plain", "plain"),
    ],
)
def test_readable_leaves_no_lone_surrogate(raw: str, clean: str):
    assert readable(raw) == clean
    assert strip_controls(raw) == clean
    clean.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "language", "sentences"),
    [
        (
            "The U.N. said Prof. Smith met Mr. Allawi in Baghdad. Fewer than 5,000 were recruited.",
            "en",
            ["The U.N. said Prof. Smith met Mr. Allawi in Baghdad.", "Fewer than 5,000 were recruited."],
        ),
        ('He said "It is over." Then he left.', "en", ['He said "It is over."', "Then he left."]),
        (
            "أعلنت الحكومة إجراءات جديدة. وقال الوزير إن العدد بلغ خمسة آلاف؟ ثم غادر.",
            "ar",
            ["أعلنت الحكومة إجراءات جديدة.", "وقال الوزير إن العدد بلغ خمسة آلاف؟", "ثم غادر."],
        ),
        ("No language known. Still split.", "", ["No language known.", "Still split."]),
    ],
)
def test_sentences_follow_the_languages_rules(text: str, language: str, sentences: list[str]):
    assert split_sentences(text, language) == sentences


def test_c1_controls_that_stand_for_windows_punctuation_read_as_it():
    """A page's "&#146;" or a Windows file read as Latin-1 gives U+0092: browsers show "’", so does Briefgen."""
    assert strip_controls("don\x92t \x93quoted\x94 \x96 \x80 5") == "don’t “quoted” – € 5"
    assert strip_controls("a\x85b \x9b31mred \x81x") == "a\nb red x"  # NEL a break, CSI an escape, 0x81 nothing
