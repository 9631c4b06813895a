"""The layering contract: stages import only what sits below them, no module takes part in an import cycle,
and nothing outside app/gui imports Qt (every other module imports, and works, with PySide6 unavailable).

The contract itself is the ``ALLOWED`` table in tests/import_graph.py; docs/ARCHITECTURE.md explains it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from app.core.paths import PACKAGE_DIR, PROJECT_DIR
from tests.conftest import SAMPLE
from tests.import_graph import ALLOWED, cycles, import_graph, layering_violations, stage_of

PROBE = textwrap.dedent(
    """
    import importlib, json, sys
    from pathlib import Path

    class NoQt:
        '''Refuses PySide6 and shiboken6 as if they were not installed.'''
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"{name} is not available in this test")
            return None

    sys.meta_path.insert(0, NoQt())
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker let PySide6 through")

    modules = json.loads(sys.argv[1])
    for name in modules:
        importlib.import_module(name)

    # Importing is not enough: run the core end to end, preview included.
    from app.cli.main import main
    from app.ingest import ingest
    from app.core.bounded import run_bounded
    from app.pipeline import jobs
    from app.pipeline.pages import PageRasterizer
    from app.brief.select import project_from_sources

    out = Path(sys.argv[3])
    assert main(["build", sys.argv[2], "-o", str(out), "--name", "b"]) == 0
    source = ingest(sys.argv[2])
    preview = run_bounded(jobs.preview, project_from_sources([source]), {source.path: source}, what="preview")
    PageRasterizer(preview.pdf).draw(0, 200)
    qt = sorted(m for m in sys.modules if m.partition(".")[0] in ("PySide6", "shiboken6"))
    print(json.dumps({"pages": preview.page_count, "files": sorted(p.name for p in out.iterdir()), "qt": qt}))
    """
)


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PROJECT_DIR).with_suffix("")
        if relative.parts[:2] == ("app", "gui") or relative.name == "__main__":
            continue
        names.append(".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts))
    return names


def test_core_modules_import_and_run_without_qt(tmp_path: Path):
    modules = core_modules()
    assert {
        "app.core.model",
        "app.pipeline.build",
        "app.cli.main",
        "app.pipeline.preview",
        "app.brief.autosave",
        "app.brief.edit",
    } <= set(modules)
    assert not any(m.startswith("app.gui") for m in modules)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(modules), str(SAMPLE), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"pages": report["pages"], "files": ["b.docx", "b.pdf"], "qt": []}
    assert report["pages"] >= 2


def test_no_core_module_imports_qt_even_lazily():
    """Imports inside functions escape the check above until they run; the source text cannot hide them."""
    offenders = []
    for name in core_modules():
        relative = Path(*name.split("."))
        path = PROJECT_DIR / (
            relative / "__init__.py" if (PROJECT_DIR / relative).is_dir() else relative.with_suffix(".py")
        )
        text = path.read_text(encoding="utf-8")
        if "import PySide6" in text or "from PySide6" in text or "shiboken6" in text:
            offenders.append(name)
    assert offenders == []


def test_every_stage_imports_only_what_the_contract_allows():
    assert layering_violations(import_graph()) == []


def test_every_package_is_a_stage_in_the_contract():
    stages = {stage_of(module) for module in import_graph()}
    assert stages == set(ALLOWED)


def test_a_forbidden_import_is_caught():
    """The checker itself bites: an ingest module importing the PDF writer, or render importing assemble."""
    graph = import_graph()
    graph["app.ingest.sections"] = graph["app.ingest.sections"] | {"app.render.pdf.writer"}
    graph["app.render.numbering"] = graph["app.render.numbering"] | {"app.assemble.templating"}
    graph["app.core.model"] = graph["app.core.model"] | {"app.gui.session"}
    assert layering_violations(graph) == [
        "app.core.model → app.gui.session (core may only import nothing else)",
        "app.ingest.sections → app.render.pdf.writer (ingest may only import core, text)",
        "app.render.numbering → app.assemble.templating (render may only import core, text)",
    ]


def test_type_checking_and_function_level_imports_count():
    """An import under ``if TYPE_CHECKING:`` or inside a function is coupling all the same."""
    graph = import_graph()
    assert "app.gui" in graph["app.cli.main"]  # imported inside the `gui` command's handler
    assert "app.core.document" in graph["app.core.formats"]  # imported under TYPE_CHECKING


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_a_cycle_is_caught():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def modules_the_window_loads() -> set[str]:
    """Every module loaded by importing the window, in a fresh interpreter (this one has loaded everything)."""
    code = "import json, sys\nimport app.gui.main_window\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR, check=False)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_window_process_loads_none_of_the_document_stack():
    """Building, checking and exporting run in workers (app.pipeline.jobs): the window starts without their stack."""
    heavy = {"jinja2", "reportlab", "docx", "markdown_it", "trafilatura", "lxml", "pypdf", "rapidfuzz"}
    assert sorted(m for m in modules_the_window_loads() if m.partition(".")[0] in heavy) == []


def test_the_window_starts_without_the_template_editor():
    """Most sessions never open the template editor: it, and the style models it checks styles with, load when it
    is first opened (test_template_editor drives that); pdfium loads when the first page is drawn."""
    later = {"app.gui.template_editor", "app.template_tools.editing", "app.core.style", "pypdfium2"}
    assert sorted(later & modules_the_window_loads()) == []
