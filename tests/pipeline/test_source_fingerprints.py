"""The sources list says where each source lives, when it was taken, who else carries it and, on request, its hash."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pypdf import PdfReader

from app.cli.main import main
from tests.conftest import SEEDS_DIR

STORY = (
    "Iraq's National Security Advisor chaired a meeting on Sunday to curb the recruitment of Iraqi citizens into "
    "the Russian army, and the committee agreed to prosecute the travel agencies that arranged their journeys."
)


def _page(path: Path, site: str, url: str, extra: str) -> Path:
    path.write_text(
        f"""<!doctype html><html lang="en"><head><title>Recruitment curbed | {site}</title>
<meta property="og:site_name" content="{site}"><link rel="canonical" href="{url}">
<meta property="og:title" content="Iraq moves to curb recruitment"></head>
<body><main><article><h1>Iraq moves to curb recruitment</h1><p>{STORY}</p><p>{extra}</p>
</article></main></body></html>""",
        encoding="utf-8",
    )
    return path


def _build(tmp_path: Path, capsys, template: str) -> str:
    basra = "Shopkeepers in Basra said most of the young men who left went for the money, not for a cause."
    ministry = "The ministry declined to say how many travel agencies had been closed since the order was issued."
    ledger = _page(tmp_path / "ledger.html", "The Baghdad Ledger", "https://ledger.example/recruitment", basra)
    _page(tmp_path / "wire.html", "Gulf Wire", "https://wire.example/2026/iraq-recruitment", ministry)
    project = tmp_path / "p.brief"
    code = main(["build", str(ledger), "--format", "md", "-o", str(tmp_path / "x"), "--save", str(project)])
    assert code == 0
    data = project.read_text(encoding="utf-8").replace('"sources": [\n    "ledger.html"\n  ]',
                                                      '"sources": ["ledger.html", "wire.html"]')  # fmt: skip
    project.write_text(data, encoding="utf-8")
    code = main(["build", str(project), "--template", template, "--format", "pdf", "-o", str(tmp_path / "out"),
                 "--name", "b"])  # fmt: skip
    _, err = capsys.readouterr()
    assert code == 0, err
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "out" / "b.pdf").pages)


def test_the_sources_list_gives_the_address_the_day_taken_and_who_else_reports_it(tmp_path: Path, capsys):
    text = _build(tmp_path, capsys, "policy-brief")
    sources = text[text.rindex("Sources") :]
    assert "https://ledger.example/recruitment" in sources
    assert "retrieved " in sources
    assert "also reported by Gulf Wire" in sources
    assert "SHA-256" not in sources  # only on request


def test_a_template_asking_for_fingerprints_prints_each_source_s_short_hash(tmp_path: Path, capsys):
    folder = tmp_path / "verified"
    shutil.copytree(SEEDS_DIR.parent / "templates" / "policy-brief", folder)
    settings = folder / "template.toml"
    settings.write_text("fingerprints = true\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    text = _build(tmp_path, capsys, str(folder))
    digest = hashlib.sha256((tmp_path / "ledger.html").read_bytes()).hexdigest()
    assert f"SHA-256 {digest[:12]}…" in text[text.rindex("Sources") :]


def test_a_source_s_address_is_a_link_in_every_format(tmp_path: Path, capsys):
    """The sources list's web address can be followed: a hyperlink in the DOCX, a link in the PDF and the page."""
    import zipfile

    import lxml.html

    url = "https://ledger.example/recruitment"
    ledger = _page(tmp_path / "ledger.html", "The Baghdad Ledger", url, "Shopkeepers in Basra spoke to us.")
    out = tmp_path / "out"
    assert main(["build", str(ledger), "--format", "docx,pdf,html", "-o", str(out), "--name", "b"]) == 0
    with zipfile.ZipFile(out / "b.docx") as docx:
        relationships = docx.read("word/_rels/document.xml.rels").decode()
    assert f'Target="{url}" TargetMode="External"' in relationships
    reader = PdfReader(out / "b.pdf")
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []]
    assert links == [url]
    page = lxml.html.parse(str(out / "b.html")).getroot()
    assert page.xpath("//a/@href") == [url]
