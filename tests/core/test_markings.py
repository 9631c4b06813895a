"""Marking schemes as data: markings read in either form, printed in both, the highest of many."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import marking_schemes
from app.core.marking_schemes import find_scheme, scheme_ids
from app.core.markings import Marking, MarkingError
from app.core.style import BannerStyle

US = find_scheme("us")


@pytest.mark.parametrize("text", ["S//NF", "(S//NF)", "SECRET//NOFORN", "secret // noforn", "( s//nf )"])
def test_portion_and_banner_forms_read_the_same(text: str):
    assert US.read(text) == Marking(2, frozenset({"NOFORN"}))


def test_a_marking_prints_in_both_forms_with_controls_in_the_scheme_s_order():
    marking = US.read("S//NF/OC")
    assert US.banner(marking) == "SECRET//ORCON/NOFORN"
    assert US.portion(marking) == "(S//OC/NF)"
    assert US.portion(US.read("UNCLASSIFIED")) == "(U)"


def test_the_highest_takes_the_top_level_and_every_control():
    assert US.banner(US.highest([US.read("C"), US.read("S//NF"), US.read("U//FOUO")])) == "SECRET//NOFORN/FOUO"


def test_noforn_voids_a_release_marking():
    highest = US.highest([US.read("S//REL TO USA, FVEY"), US.read("C//NF")])
    assert US.banner(highest) == "SECRET//NOFORN"
    assert US.covers(highest, US.read("S//REL TO USA, FVEY"))


def test_release_lists_narrow_to_the_countries_every_portion_shares():
    highest = US.highest([US.read("S//REL TO USA, GBR, AUS"), US.read("C//REL TO USA, GBR")])
    assert US.banner(highest) == "SECRET//REL TO USA, GBR"
    assert US.portion(highest) == "(S//REL TO USA, GBR)"
    assert US.covers(highest, US.read("C//REL TO USA, GBR, AUS"))
    assert not US.covers(US.read("S//REL TO USA, GBR, AUS"), US.read("S//REL TO USA, GBR"))
    assert US.banner(US.highest([US.read("S//REL TO USA, GBR"), US.read("S//REL TO USA, FRA")])) == "SECRET//REL TO USA"
    assert US.banner(US.highest([US.read("S//REL TO GBR"), US.read("S//REL TO FRA")])) == "SECRET//NOFORN"


def test_a_banner_covers_only_what_is_at_or_below_it():
    assert US.covers(US.read("TS"), US.read("S"))
    assert not US.covers(US.read("C"), US.read("S"))
    assert not US.covers(US.read("S"), US.read("S//NF"))


@pytest.mark.parametrize(
    ("text", "told"),
    [("SECRIT", "is not a level of the United States"), ("S//NOFRN", "“NOFRN” is not a control"), ("", "no class")],
)
def test_an_unknown_marking_is_refused_not_guessed(text: str, told: str):
    with pytest.raises(MarkingError, match=told):
        US.read(text)


def test_the_built_in_schemes():
    assert {"us", "uk", "nato", "none"} <= set(scheme_ids())
    uk, nato = find_scheme("uk"), find_scheme("nato")
    assert uk.banner(uk.read("OS - UKEO")) == "OFFICIAL-SENSITIVE - UK EYES ONLY"
    assert uk.read("OFFICIAL-SENSITIVE - UK EYES ONLY") == uk.read("(OS//UKEO)")
    assert uk.banner(uk.highest([uk.read("OFFICIAL"), uk.read("SECRET")])) == "SECRET"
    assert nato.portion(nato.read("NATO SECRET")) == "(NS)"
    assert not uk.portion_marks and US.portion_marks and US.authority_block


def test_the_none_scheme_prints_nothing_whatever_it_is_given():
    none = find_scheme("none")
    assert none.banner(none.read("SECRET")) == "" and none.portion(none.read("")) == ""


def test_an_analyst_s_scheme_is_data_in_their_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(marking_schemes, "user_schemes_dir", lambda: tmp_path)
    (tmp_path / "corp.toml").write_text(
        'name = "Acme"\n[[levels]]\nbanner = "PUBLIC"\nportion = "P"\n'
        '[[levels]]\nbanner = "ACME INTERNAL"\nportion = "AI"\ncolour = "#aa0000"\n',
        encoding="utf-8",
    )
    corp = find_scheme("corp")
    assert "corp" in scheme_ids()
    assert corp.banner(corp.highest([corp.read("P"), corp.read("(AI)")])) == "ACME INTERNAL"
    assert BannerStyle().with_scheme(corp).colour_for("ACME INTERNAL//X") == "#aa0000"


@pytest.mark.parametrize(
    ("content", "told"),
    [
        ('name = "X"\nlevels = []\n', "levels"),
        ('name = "X"\n[[levels]]\nbanner = "A"\n', "levels.0.portion"),
        ('name = "X"\n[[levels]]\nbanner = "A"\nportion = "A"\ncolour = "red"\n', "not a colour"),
        ("name = [[[", "cannot be read"),
    ],
)
def test_a_broken_scheme_file_is_one_message_naming_it(tmp_path: Path, monkeypatch, content: str, told: str):
    monkeypatch.setattr(marking_schemes, "user_schemes_dir", lambda: tmp_path)
    (tmp_path / "bad.toml").write_text(content, encoding="utf-8")
    with pytest.raises(MarkingError, match=told) as caught:
        find_scheme("bad")
    assert "bad.toml" in str(caught.value)


@pytest.mark.parametrize("name", ["../us", "missing", ""])
def test_a_scheme_name_that_is_not_one_is_refused(name: str):
    with pytest.raises(MarkingError, match="marking scheme"):
        find_scheme(name)
