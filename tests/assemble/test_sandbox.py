"""Templates are untrusted: known server-side template injection payloads all fail, and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assemble.context import build_context
from app.assemble.templating import find_template, render_template_text
from app.brief.select import project_from_sources
from app.core.document import Paragraph, Run, plain_text
from app.core.errors import TemplateError
from app.parse.markup import parse_markup

MARKER = "BRIEFGEN_PWNED_MARKER"

PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ cite.__globals__ }}",
    "{{ cite.__globals__['os'].system('touch MARKER') }}",
    "{{ quotes.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ namespace.__init__.__globals__['sys'].modules['os'].system('touch MARKER') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch MARKER') }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}",
    "{{ meta|attr('__class__')|attr('__mro__') }}",
    "{{ items[0].__class__.__init__.__globals__ }}",
    "{{ items[0].source.__dict__ }}",
    "{{ now.__class__.__subclasses__() }}",
    "{{ range.__self__ }}",
    "{{ '{0.__class__.__mro__}'.format(meta) }}",
    "{{ '{0.__init__.__globals__}'.format(cite) }}",
    "{{ __import__('os').system('touch MARKER') }}",
    "{{ open('/etc/passwd').read() }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% import 'os' as os %}{{ os.system('touch MARKER') }}",
    "{% extends '/etc/hostname' %}",
    "{{ items.append(1) }}",
    "{{ meta.update({'title': 'x'}) }}",
    "{{ 'x' * 100000000 }}",
    "{{ 2 ** 100000 }}",
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{{ lipsum(2000000) }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{{ 'a' | center(1500000000) }}",
    "{{ '%01500000000d' | format(1) }}",
    "{{ '{:>1500000000}'.format(1) }}",
    "{{ 'ab' | wordwrap(1500000000) }}",
    "{{ ('a' * 2000) | replace('a', 'b' * 1000) }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_fails_with_template_error(payload: str, tmp_path: Path, sample_source, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("app.assemble.sandbox.MAX_SECONDS", 0.5)
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(f"# Brief\n\n{payload.replace('MARKER', MARKER)}\n", encoding="utf-8")
    project = project_from_sources([sample_source])
    with pytest.raises(TemplateError) as error:
        render_template_text(find_template(str(folder)), build_context(project, {sample_source.path: sample_source}))
    assert "brief.md.j2" in str(error.value) or "evil" in str(error.value)
    assert not (tmp_path / MARKER).exists()
    assert "root:" not in str(error.value)


def _template_folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(body, encoding="utf-8")
    return folder


def _assemble(folder: Path, source) -> str:
    return render_template_text(
        find_template(str(folder)), build_context(project_from_sources([source]), {source.path: source})
    )


def test_included_file_with_any_name_is_time_limited(tmp_path: Path, sample_source, monkeypatch):
    monkeypatch.setattr("app.assemble.sandbox.MAX_SECONDS", 0.5)
    folder = _template_folder(tmp_path, '{% include "loop.md" %}\n')
    (folder / "loop.md").write_text("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError, match="ran longer than"):
        _assemble(folder, sample_source)


@pytest.mark.parametrize("include", ["leak.md.j2", "up/outside.txt"])
def test_links_cannot_reach_outside_the_template_folder(tmp_path: Path, sample_source, include: str):
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET CONTENT", encoding="utf-8")
    folder = _template_folder(tmp_path, f'{{% include "{include}" %}}\n')
    (folder / "leak.md.j2").symlink_to(outside)
    (folder / "up").symlink_to(tmp_path)
    with pytest.raises(TemplateError) as error:
        _assemble(folder, sample_source)
    assert "SECRET CONTENT" not in str(error.value)


@pytest.mark.parametrize("expression", ["p | e", "p | escape", "p | forceescape", "p | tojson", "p | string"])
def test_jinja_escaping_filters_keep_markdown_escaping(tmp_path: Path, sample_source, expression: str):
    folder = _template_folder(
        tmp_path, f"{{% set p = '- injected *list* [link](http://evil)' %}}{{{{ {expression} }}}}\n"
    )
    markup = _assemble(folder, sample_source)
    assert "\\*list\\*" in markup and "\\[link\\]" in markup


def test_lone_carriage_returns_cannot_make_code_blocks(tmp_path: Path, sample_source):
    folder = _template_folder(tmp_path, "{{ summary }}\n")
    project = project_from_sources([sample_source], summary="a\r\r    indented code\r\r# heading")
    markup = render_template_text(
        find_template(str(folder)), build_context(project, {sample_source.path: sample_source})
    )
    blocks = parse_markup(markup).blocks
    assert all(isinstance(b, Paragraph) for b in blocks)
    assert not any(r.code for b in blocks for r in b.inlines if isinstance(r, Run))
    assert "# heading" in plain_text(blocks[-1].inlines)
