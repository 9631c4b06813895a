"""A source's language: a statistical identifier for the languages a script is shared by, letter rules where
they are surer (Sorani Kurdish, Persian against Arabic, Ukrainian), '' when unsure."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.ingest import ingest
from app.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il comitato ha dichiarato che le misure sono in vigore nel paese e per i cittadini.", "it"),
        ("O comitê afirmou que as medidas estão em vigor no país e para os cidadãos.", "pt"),
        ("Het comité verklaarde dat de maatregelen van kracht zijn voor alle burgers van het land.", "nl"),
        ("پاکستان کی حکومت نے بدھ کے روز نئے قانون کا اعلان کیا اور کہا کہ یہ فوری طور پر نافذ ہوگا۔", "ur"),
        ("Министерският съвет прие днес нов закон за защита на гражданите и техните права.", "bg"),
        ("मुंबई महानगरपालिकेने आज नवीन कायद्याची घोषणा केली आणि नागरिकांना माहिती दिली.", "mr"),
        # the letter rules the identifier does not beat
        ("مشاور امنیت ملی عراق روز چهارشنبه جلسه‌ای برگزار کرد", "fa"),
        ("أكدت اللجنة تفعيل مواد قانون العقوبات العراقي", "ar"),
        ("ڕاوێژکاری ئاسایشی نیشتمانی عێراق کۆبوونەوەیەکی ئەنجامدا", "ckb"),
        ("Рада національної безпеки України провела засідання", "uk"),
        ("Совет безопасности Ирака провёл заседание", "ru"),
        # unsure: too little text to tell, or no words at all
        ("Zbigniew Brzezinski", ""),
        ("NATO OSCE UNHCR", ""),
        ("1234 5678", ""),
        ("", ""),
    ],
)
def test_language_from_text(text: str, language: str):
    assert detect_language(text) == language


def test_italian_is_not_french(tmp_path: Path):
    path = tmp_path / "it.txt"
    path.write_text(
        "Il governo ha annunciato nuove misure contro il reclutamento.\n\n"
        "Secondo il ministro, le agenzie di viaggio saranno chiuse entro la fine del mese.\n",
        encoding="utf-8",
    )
    assert ingest(path).language == "it"


def test_the_identifier_needs_no_network(monkeypatch: pytest.MonkeyPatch):
    """Its tables are compiled into the extension: answering works with every connection refused."""

    def refuse(*_args: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert detect_language("La commissione ha approvato il bilancio dopo un lungo dibattito.") == "it"


def test_control_characters_and_lone_surrogates_do_not_stop_the_identifier():
    """CLD2 refuses text that is not valid UTF-8; a source with stray controls still gets its language."""
    text = "Il comitato\x00 ha dichiarato\x1b che le misure \ud800sono in vigore nel paese\ufffe e per i cittadini."
    assert detect_language(text) == "it"


def test_the_language_most_of_the_text_is_in_wins():
    italian = "Il comitato ha dichiarato che le misure sono in vigore nel paese e per tutti i cittadini. " * 6
    english = "The committee said the measures are in force across the country and for all citizens. " * 2
    assert detect_language(english + italian) == "it"
    assert detect_language(italian + english) == "it"


def test_an_english_quote_does_not_make_an_arabic_article_english():
    arabic = "أكدت اللجنة الوطنية تفعيل مواد قانون العقوبات العراقي ضد من ينضم إلى جيوش أجنبية. " * 3
    assert detect_language(arabic + "The committee said the measures are in force across the country.") == "ar"
