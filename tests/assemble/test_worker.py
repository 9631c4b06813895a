"""Templates render in a worker process bounded in time and memory; what crosses to it pickles."""

from __future__ import annotations

import os
import pickle
import resource
import sys
import time
from pathlib import Path

import pytest

from app.assemble import limits
from app.assemble.catalog import find_template
from app.assemble.context import build_context
from app.assemble.sandbox import Md
from app.assemble.worker import render_template_bounded
from app.brief.select import project_from_sources
from app.core import bounded
from app.core.bounded import run_bounded
from app.core.errors import TemplateError
from app.pipeline.build import build_brief

SPIN = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n"


@pytest.fixture(autouse=True)
def real_children(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def _folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(body, encoding="utf-8")
    return folder


def test_a_template_that_never_finishes_is_stopped_by_the_worker_at_the_default_limit(tmp_path: Path, sample_source):
    info = find_template(str(_folder(tmp_path, SPIN)))
    context = build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
    started = time.monotonic()
    with pytest.raises(TemplateError) as error:
        render_template_bounded(info, context)
    elapsed = time.monotonic() - started
    assert limits.MAX_SECONDS <= elapsed < limits.MAX_SECONDS + 3
    assert str(error.value).startswith(f"{info.source_path}: ")
    assert "stopped after" in str(error.value) and "\n" not in str(error.value)


def test_rendering_installs_no_trace_function(tmp_path: Path, sample_source, monkeypatch):
    """The worker's time limit replaced the trace hook that slowed every template line."""
    monkeypatch.setenv(bounded.INLINE_ENV, "1")
    seen: list[object] = []
    folder = _folder(tmp_path, "{{ probe() }}\n")
    info = find_template(str(folder))
    context = build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
    monkeypatch.setattr("app.assemble.templating.template_globals", _globals_with_probe(seen))
    assert render_template_bounded(info, context).strip() == "ok"
    assert seen == [None]


def _globals_with_probe(seen: list[object]):
    from app.assemble import templating

    original = templating.template_globals

    def with_probe(context):
        def probe() -> str:
            seen.append(sys.gettrace())
            return "ok"

        return {**original(context), "probe": probe}

    return with_probe


def test_what_crosses_to_the_worker_pickles(sample_source):
    context = build_context(project_from_sources([sample_source]), {sample_source.path: sample_source})
    info = find_template("policy-brief")
    assert pickle.loads(pickle.dumps(context)) == context
    assert pickle.loads(pickle.dumps(info)) == info
    assert type(pickle.loads(pickle.dumps(Md("**x**")))) is Md


def test_a_brief_builds_through_a_fork_server(sample_source, monkeypatch):
    """The window starts workers from a fork server: arguments then travel pickled, not inherited."""
    monkeypatch.setattr(bounded, "_context", None)
    bounded.use_forkserver(preload=["app.assemble.worker"])
    brief = build_brief(
        project_from_sources([sample_source]), {sample_source.path: sample_source}, find_template("policy-brief")
    )
    assert "# Key points" in brief.markup


def soft_memory_limits_outer_and_nested() -> tuple[int, int]:
    return _soft_limit(), run_bounded(_soft_limit, what="inner", memory_bytes=4 * 1024**3)


def _soft_limit() -> int:
    return resource.getrlimit(resource.RLIMIT_AS)[0]


def test_a_nested_worker_never_loosens_the_memory_limit_it_inherited():
    outer, inner = run_bounded(soft_memory_limits_outer_and_nested, what="outer", memory_bytes=1024**3)
    assert inner == outer  # asked for 4 GiB more, it keeps the outer worker's limit
    assert outer <= _mapped_now() + 1024**3 + 64 * 1024**2  # the outer work got about 1 GiB beyond what was mapped


def _mapped_now() -> int:
    return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
