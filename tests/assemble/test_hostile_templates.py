"""A corpus of hostile templates, each built through the real build path inside a 10 s / 1 GiB harness.

A shared template is untrusted code.  Every payload here must end in one clear
line naming the template (a TemplateError or LimitExceeded, no traceback), or
in a harmless brief: no command run, no file outside the folder read, no memory
address printed.  The harness is a bounded child process of its own, so a
payload that gets past Briefgen's limits fails its test instead of hanging CI
or swapping the machine.
"""

from __future__ import annotations

import os
import re
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.assemble import limits
from app.assemble.catalog import find_template
from app.brief.select import project_from_sources
from app.core import bounded
from app.core.bounded import LimitExceeded, run_bounded
from app.core.errors import TemplateError
from app.core.model import Source
from app.pipeline.build import build_brief

CASE_SECONDS = 10.0
CASE_MEMORY = 1024**3
#: The render time limit while the corpus runs: short, so the payloads stopped by time cost little.
RENDER_SECONDS = 2.0
MARKER = "BRIEFGEN_PWNED_MARKER"
SECRET = "SECRET CONTENT"
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
DEEP = 5000


@dataclass(frozen=True)
class Payload:
    id: str
    brief: str
    files: dict[str, str] = field(default_factory=dict)
    #: Makes what text files cannot: links, FIFOs, huge or binary files.  Gets (template folder, tmp_path).
    setup: Callable[[Path, Path], None] | None = None
    #: False when a harmless brief is an acceptable outcome too (printing an object, say).
    must_refuse: bool = True


def _hard_link(name: str) -> Callable[[Path, Path], None]:
    return lambda folder, tmp: os.link(tmp / "secret.txt", folder / name)


def _symlink(name: str, target: str | None = None) -> Callable[[Path, Path], None]:
    return lambda folder, tmp: (folder / name).symlink_to(target or tmp / "secret.txt")


def _fifo(name: str) -> Callable[[Path, Path], None]:
    return lambda folder, tmp: os.mkfifo(folder / name)


def _sparse(name: str, size: int = 1024**3) -> Callable[[Path, Path], None]:
    def make(folder: Path, tmp: Path) -> None:
        with (folder / name).open("wb") as handle:
            handle.truncate(size)

    return make


def _bomb_png(folder: Path, tmp: Path) -> None:
    """A valid 13000×13000 PNG of a few hundred kilobytes: 169 million pixels once decoded."""
    width = height = 13000
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    (folder / "logo.png").write_bytes(png)
    (folder / "style.toml").write_text('logo = "logo.png"\n', encoding="utf-8")


def _style(text: str, also: Callable[[Path, Path], None] | None = None) -> Callable[[Path, Path], None]:
    def make(folder: Path, tmp: Path) -> None:
        (folder / "style.toml").write_text(text, encoding="utf-8")
        if also:
            also(folder, tmp)

    return make


def _replace_brief_with(make: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def replace(folder: Path, tmp: Path) -> None:
        (folder / "brief.md.j2").unlink()
        make(folder, tmp)

    return replace


BIG_LIST = "[[0] * 1000000] * 1000"
GROW = (
    "{% set ns = namespace(v=START) %}{% for i in range(STEPS) %}{% set ns.v = STEP %}{% endfor %}{{ ns.v | length }}"
)


def _grow(start: str, step: str, steps: int = 64) -> str:
    return GROW.replace("START", start).replace("STEPS", str(steps)).replace("STEP", step)


CORPUS = [
    # Work done in C or library code, where no Python-level hook sees it
    Payload("slice-count", "{{ range(10) | slice(10**9) | list | length }}"),
    Payload("slice-count-literal", "{{ range(10) | slice(1000000000) | list | length }}"),
    Payload("batch-fill", "{{ range(10) | batch(10**9, 'x') | list | length }}"),
    Payload("batch-count", "{{ range(10) | batch(1000000000) | list | length }}", must_refuse=False),
    Payload("wordwrap-1", "{{ ('abc ' * 400000) | wordwrap(1) | length }}"),
    Payload("wordwrap-long-word", "{{ ('x' * 1000000) | wordwrap(1) | length }}"),
    Payload("wordwrap-hyphens", "{{ ('a-' * 500000) | wordwrap(3) | length }}"),
    Payload("wordwrap-width", "{{ 'ab' | wordwrap(1500000000) }}", must_refuse=False),
    Payload("wordwrap-wrapstring", "{{ ('a ' * 100000) | wordwrap(1, wrapstring='x' * 100000) | length }}"),
    Payload("printf-width", "{{ '%0999999999d' % 1 }}"),
    Payload("printf-width-filter", "{{ '%0999999999d' | format(1) }}"),
    Payload("printf-star", "{{ '%*d' % (10**9, 1) }}"),
    Payload("printf-precision", "{{ '%.999999999f' % 1.5 }}"),
    Payload("printf-nested-values", "{{ ('%s' % ((" + BIG_LIST + "),)) | length }}"),
    Payload("format-nested-width", "{{ '{:>{}}'.format('a', 10**9) }}"),
    Payload("format-width", "{{ '{:>999999999}'.format('a') }}"),
    Payload("format-precision", "{{ '{:.999999999f}'.format(1.5) }}"),
    Payload("format-map-width", "{{ '{a:>999999999}'.format_map({'a': 1}) }}"),
    Payload("format-nested-values", "{{ '{}'.format(" + BIG_LIST + ") | length }}"),
    Payload("format-repr-values", "{{ '{!r}'.format(" + BIG_LIST + ") | length }}"),
    Payload("int-squaring", _grow("10", "ns.v * ns.v", 40)),
    # a set in a loop's body does not outlive the iteration, so this squares 10 forty times and prints 10
    Payload(
        "int-squaring-set",
        "{% set x = 10 %}{% for i in range(40) %}{% set x = x * x %}{% endfor %}{{ x }}",
        must_refuse=False,
    ),
    Payload("int-power", "{{ 10 ** 10 ** 10 }}", must_refuse=False),  # Jinja's ** groups left: (10 ** 10) ** 10
    Payload("int-power-right", "{{ 10 ** (10 ** 10) }}"),
    Payload("int-power-big", "{{ 2 ** 1000000000 }}"),
    Payload("int-power-tower", "{{ (2 ** 64) ** (2 ** 64) }}"),
    Payload("int-from-text", "{{ ('9' * 4000) | int * ('9' * 4000) | int * ('9' * 4000) | int }}"),
    Payload("round-precision", "{{ 1.5 | round(10**9, 'floor') }}"),
    Payload("round-negative", "{{ 5 | round(-10**9) }}"),
    Payload("int-to-bytes", "{{ (10).to_bytes(10**9, 'big') | length }}"),
    Payload("list-doubling", _grow("[1]", "ns.v + ns.v", 100)),
    Payload("list-doubling-mul", _grow("[1]", "ns.v * 2", 100)),
    Payload("string-doubling", _grow("'ab'", "ns.v ~ ns.v")),
    Payload("string-doubling-join", _grow("'ab'", "[ns.v, ns.v] | join")),
    Payload("string-doubling-replace", _grow("'ab'", "ns.v | replace('a', 'aa')")),
    Payload("string-growth-format", _grow("'ab'", "'%s%s' % (ns.v, ns.v)")),
    Payload("join-of-copies", "{% set s = 'x' * 1000000 %}{{ ([s] * 1000) | join | length }}"),
    Payload("join-method-of-copies", "{% set s = 'x' * 1000000 %}{{ ''.join([s] * 1000) | length }}"),
    Payload("replace-filter", "{{ ('a' * 1000000) | replace('a', 'b' * 1000000) | length }}"),
    Payload("replace-method", "{{ ('a' * 1000000).replace('a', 'b' * 1000) | length }}"),
    Payload("replace-empty", "{{ ('a' * 1000000).replace('', 'b' * 1000) | length }}"),
    Payload("center-filter", "{{ 'a' | center(10**9) }}"),
    Payload("center-method", "{{ 'a'.center(10**9) }}"),
    Payload("ljust-method", "{{ 'a'.ljust(1000000000) }}"),
    Payload("zfill-method", "{{ '1'.zfill(10**9) }}"),
    Payload("expandtabs", "{{ ('\t' * 100000).expandtabs(100000) | length }}"),
    Payload("translate", "{{ ('a' * 1000000).translate({97: 'b' * 1000}) | length }}"),
    Payload("indent-prefix", "{{ ('a\n' * 500000) | indent('x' * 10000) | length }}"),
    Payload("indent-width", "{{ 'a\nb' | indent(10**9) | length }}"),
    Payload("bytes-product", "{{ 'x'.encode('utf-32') * 10**9 }}"),
    Payload("bytes-printf", "{{ 'x%0999999999d'.encode() % 1 }}"),
    Payload("string-product", "{{ 'x' * 10**9 }}"),
    Payload("list-product", "{{ (items * 10**9) | length }}"),
    Payload("nested-repr", "{% set a = [0] * 1000000 %}{{ [a] * 1000 }}"),
    Payload("nested-repr-string", "{{ (" + BIG_LIST + ") | string | length }}"),
    Payload("nested-repr-upper", "{{ (" + BIG_LIST + ") | upper | length }}"),
    Payload("nested-repr-concat", "{{ ((" + BIG_LIST + ") ~ '') | length }}"),
    Payload("nested-repr-md", "{{ (" + BIG_LIST + ") | md | length }}"),
    Payload("nested-repr-join", "{{ [" + BIG_LIST + "] | join | length }}"),
    Payload("nested-tojson", "{{ (" + BIG_LIST + ") | tojson | length }}"),
    Payload("nested-pprint", "{{ (" + BIG_LIST + ") | pprint | length }}"),
    Payload("nested-printf-repr", "{{ ('%r' % ((" + BIG_LIST + "),)) | length }}"),
    Payload("nested-replace-argument", "{{ 'a' | replace('a', " + BIG_LIST + ") | length }}"),
    Payload("deep-list-repr", _grow("[]", "[ns.v]", 100000).replace("{{ ns.v | length }}", "{{ ns.v }}")),
    Payload("sum-of-lists", "{{ (" + BIG_LIST + ") | sum(start=[]) | length }}"),
    Payload("sum-quadratic", "{{ ([[0]] * 1000000) | sum(start=[]) | length }}", must_refuse=False),
    Payload("map-list-copies", "{{ (" + BIG_LIST + ") | map('list') | list | length }}"),
    Payload("block-set-growth", "{% set s %}{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}{% endset %}"),
    Payload(
        "macro-output-growth",
        "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}{% endmacro %}{{ m() | length }}",
    ),
    Payload("output-runaway", "{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}"),
    Payload("strftime", "{{ now.strftime('%c' * 1000000) | length }}", must_refuse=False),
    Payload("template-300k-lines", "line\n" * 300_000),
    Payload("template-many-tags", "{{ 1 }}" * 20_000),
    # Memory addresses printed through reprs
    Payload("repr-printf", "{{ '%r' % cycler(1) }} {{ '%r' % cite }} {{ '%r' % 'a'.upper }}", must_refuse=False),
    Payload("repr-format-filter", "{{ '%r' | format(cycler(1)) }} {{ '%s' | format(joiner()) }}", must_refuse=False),
    Payload(
        "repr-pprint",
        "{{ cite | pprint }} {{ range | pprint }} {{ (items | map('string')) | pprint }}",
        must_refuse=False,
    ),
    Payload("repr-str-format", "{{ '{!r} {}'.format(cite, quotes) }} {{ '{0}'.format(now.date) }}", must_refuse=False),
    Payload(
        "repr-printed", "{{ cite }} {{ range }} {{ cycler(1) }} {{ joiner() }} {{ meta.items }}", must_refuse=False
    ),
    Payload(
        "repr-iterators", "{{ items | map('string') }} {{ range(3) | reverse }} {{ meta | items }}", must_refuse=False
    ),
    Payload("repr-in-list", "{{ [cite, quotes, range, now.date, 'a'.format] | string }}", must_refuse=False),
    Payload("repr-block", "{% block b %}{{ self.b }}{% endblock %}", must_refuse=False),
    Payload("repr-in-error", "{{ meta[cycler(1)] }} {{ [1].index(cite) }}", must_refuse=False),
    # Classic sandbox escapes
    Payload("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    Payload("bases-subclasses", "{{ ().__class__.__bases__[0].__subclasses__() }}"),
    Payload("cite-globals", "{{ cite.__globals__['os'].system('touch MARKER') }}"),
    Payload("quotes-builtins", "{{ quotes.__globals__.__builtins__.open('/etc/passwd').read() }}"),
    Payload("lipsum", "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}"),
    Payload("cycler-globals", "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"),
    Payload("joiner-globals", "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}"),
    Payload("namespace-globals", "{{ namespace.__init__.__globals__['sys'].modules['os'].system('touch MARKER') }}"),
    Payload("template-reference-context", "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}"),
    Payload(
        "self-init-globals", "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}"
    ),
    Payload("attr-filter", "{{ meta | attr('__class__') | attr('__mro__') }}"),
    Payload("item-dunder", "{{ ''['__class__']['__mro__'] }}"),
    Payload("map-attribute-dunder", "{{ (items | map(attribute='__class__') | first).__init__.__globals__ }}"),
    Payload("view-globals", "{{ items[0].__class__.__init__.__globals__ }}"),
    Payload("view-dict", "{{ items[0].source.__dict__ }}"),
    Payload("datetime-subclasses", "{{ now.__class__.__subclasses__() }}"),
    Payload("flask-request", "{{ request.application.__globals__ }}"),
    Payload("lipsum-call", "{{ lipsum(2000000) }}"),
    Payload("format-field-walk", "{{ '{0.__class__.__mro__}'.format(meta) }}"),
    Payload("format-field-globals", "{{ '{0.__init__.__globals__}'.format(cite) }}"),
    Payload("format-field-item", "{{ '{0[__class__]}'.format(meta) }}"),
    Payload("generator-frame", "{{ (items | map('string')).gi_frame.f_globals }}"),
    Payload("range-self", "{{ range.__self__ }}"),
    Payload("import-builtin", "{{ __import__('os').system('touch MARKER') }}"),
    Payload("open-builtin", "{{ open('/etc/passwd').read() }}"),
    Payload("flask-config", "{{ config.items() }}"),
    Payload("mutate-list", "{{ items.append(1) }}"),
    Payload("mutate-dict", "{{ meta.update({'title': 'x'}) }}"),
    Payload("range-huge", "{{ range(10**12) | list | length }}"),
    Payload("nested-loops", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"),
    Payload("macro-recursion", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
    Payload(
        "macro-fan-out", "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}"
    ),
    Payload("block-recursion", "{% block a %}{{ self.a() }}{% endblock %}"),
    Payload("deep-parentheses", "{{ " + "(" * DEEP + "1" + ")" * DEEP + " }}"),
    Payload("deep-lists", "{{ " + "[" * DEEP + "]" * DEEP + " }}"),
    Payload("deep-filters", "{{ 1" + " | string" * DEEP + " }}"),
    Payload("deep-additions", "{{ " + "1 + " * 20000 + "1 }}"),
    Payload("deep-ifs", "{% if 1 %}" * 300 + "x" + "{% endif %}" * 300),
    Payload("deep-fors", "{% for a in [1] %}" * 30 + "x" + "{% endfor %}" * 30),
    # Files: outside the folder, links, special files
    Payload("include-etc-passwd", "{% include '/etc/passwd' %}"),
    Payload("include-dot-dot", "{% include '../../../../../../etc/passwd' %}"),
    Payload("include-parent-secret", "{% include '../secret.txt' %}"),
    Payload("extends-etc", "{% extends '/etc/hostname' %}"),
    Payload("import-os", "{% import 'os' as os %}{{ os.system('touch MARKER') }}"),
    Payload("include-symlink-out", "{% include 'leak.md.j2' %}", setup=_symlink("leak.md.j2")),
    Payload("include-symlink-dir", "{% include 'up/secret.txt' %}", setup=lambda f, t: (f / "up").symlink_to(t)),
    Payload("include-symlink-passwd", "{% include 'pw.md' %}", setup=_symlink("pw.md", "/etc/passwd")),
    Payload("include-hard-link", "{% include 'leak.md' %}", setup=_hard_link("leak.md")),
    Payload("brief-is-hard-link", "", setup=_replace_brief_with(_hard_link("brief.md.j2"))),
    Payload("brief-is-symlink", "", setup=_replace_brief_with(_symlink("brief.md.j2"))),
    Payload("include-fifo", "{% include 'pipe.md' %}", setup=_fifo("pipe.md")),
    Payload("brief-is-fifo", "", setup=_replace_brief_with(_fifo("brief.md.j2"))),
    Payload("include-dev-zero", "{% include 'zero.md' %}", setup=_symlink("zero.md", "/dev/zero")),
    Payload("include-huge-file", "{% include 'huge.md' %}", setup=_sparse("huge.md")),
    Payload("include-directory", "{% include 'folder' %}", setup=lambda f, t: (f / "folder").mkdir()),
    Payload(
        "include-binary", "{% include 'blob.bin' %}", setup=lambda f, t: (f / "blob.bin").write_bytes(b"\xff\xfe\x00")
    ),
    Payload("include-null-name", "{% include 'a\\x00b' %}"),
    Payload("include-long-name", "{% include 'a' * 100000 %}"),
    Payload("extends-self", "{% extends 'brief.md.j2' %}"),
    Payload("extends-loop", "{% extends 'other.md.j2' %}", {"other.md.j2": "{% extends 'brief.md.j2' %}"}),
    Payload("include-self", "{% include 'brief.md.j2' %}"),
    Payload(
        "include-fan-out",
        "{% include 'a.j2' %}",
        {
            "a.j2": "{% include 'b.j2' %}{% include 'b.j2' %}" * 8,
            "b.j2": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        },
    ),
    # style.toml and template.toml
    Payload("logo-dev-zero", "ok", setup=_style('logo = "/dev/zero"\n')),
    Payload("logo-fifo", "ok", setup=_style('logo = "logo.png"\n', _fifo("logo.png"))),
    Payload("logo-huge-file", "ok", setup=_style('logo = "logo.png"\n', _sparse("logo.png"))),
    Payload("logo-bomb", "ok", setup=_bomb_png),
    Payload("style-deep", "ok", setup=_style("a = " + "[" * DEEP + "]" * DEEP + "\n")),
    Payload("style-deep-tables", "ok", setup=_style("a = " + "{b = " * DEEP + "1" + "}" * DEEP + "\n")),
    Payload("style-fifo", "ok", setup=_fifo("style.toml")),
    Payload("style-huge", "ok", setup=_sparse("style.toml")),
    Payload("template-toml-deep", "ok", {"template.toml": "a = " + "[" * DEEP + "]" * DEEP + "\n"}),
    Payload("template-toml-fifo", "ok", setup=_fifo("template.toml")),
    Payload("template-toml-huge", "ok", setup=_sparse("template.toml")),
]


def build_case(folder: str, source: Source) -> str:
    """In the harness's child: find the template by folder and build the brief, as `briefgen build --template` does."""
    brief = build_brief(project_from_sources([source]), {source.path: source}, find_template(folder))
    return brief.markup


@pytest.fixture(params=CORPUS, ids=[payload.id for payload in CORPUS])
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Payload, Path]:
    """The payload's template folder, written into ``tmp_path/hostile`` beside a secret it must not reach."""
    payload: Payload = request.param
    (tmp_path / "secret.txt").write_text(f"{SECRET} {{{{ 1 }}}}\n", encoding="utf-8")
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(payload.brief.replace("MARKER", MARKER), encoding="utf-8")
    for name, text in payload.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if payload.setup:
        payload.setup(folder, tmp_path)
    return payload, folder


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Real worker processes, a short render time limit, and a working folder a payload's ``touch`` would land in."""
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)
    monkeypatch.setattr(limits, "MAX_SECONDS", RENDER_SECONDS)
    monkeypatch.chdir(tmp_path)


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 60
    assert len({payload.id for payload in CORPUS}) == len(CORPUS)


def test_hostile_template_is_refused_or_harmless(
    hostile: tuple[Payload, Path], harness: None, sample_source: Source, tmp_path: Path
):
    payload, folder = hostile
    started = time.monotonic()
    try:
        markup = run_bounded(
            build_case,
            str(folder),
            sample_source,
            what=f"the harness around {payload.id}",
            seconds=CASE_SECONDS,
            memory_bytes=CASE_MEMORY,
        )
    except (TemplateError, LimitExceeded) as exc:
        message = str(exc)
        assert not message.startswith("the harness"), f"{payload.id} got past every limit: {message}"
        assert "\n" not in message and "Traceback" not in message, message
        assert str(folder) in message, f"{payload.id}: the message does not name the template: {message}"
        shown = message
    else:
        assert not payload.must_refuse, f"{payload.id} was not refused: {markup[:300]!r}"
        shown = markup
    assert time.monotonic() - started < CASE_SECONDS
    assert SECRET not in shown and "root:" not in shown
    assert not ADDRESS.search(shown), f"{payload.id} printed a memory address: {ADDRESS.search(shown)}"
    assert not (tmp_path / MARKER).exists()
