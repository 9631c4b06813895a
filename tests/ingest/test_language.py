"""A source's language: a statistical identifier for the languages a script is shared by, letter rules where
they are surer (Sorani Kurdish, Persian against Arabic, Ukrainian), '' when unsure."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.ingest import ingest
from app.ingest import language as language_module
from app.ingest.language import detect_language


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
        ("Xylophone quartz jumps", ""),
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
    """Its model ships in the wheel: loading it and answering work with every connection refused."""

    def refuse(*_args: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language_module.load_identifier.cache_clear()
    assert detect_language("La commissione ha approvato il bilancio dopo un lungo dibattito.") == "it"


def test_the_unpacked_model_is_cached_and_a_broken_cache_is_unpacked_again():
    language_module.load_identifier.cache_clear()
    language_module.load_identifier()
    cached = language_module.model_cache_path()
    assert cached.is_file() and cached.stat().st_size > 10_000_000
    cached.write_bytes(b"not a pickle")
    language_module.load_identifier.cache_clear()
    assert detect_language("La commissione ha approvato il bilancio dopo un lungo dibattito.") == "it"
    assert cached.stat().st_size > 10_000_000  # written again whole
