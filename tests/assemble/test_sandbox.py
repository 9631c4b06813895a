"""The sandbox keeps templates from reaching out or running away, yet everyday Jinja still works.

The hostile payloads are in test_hostile_templates.py; here are the sandbox's
other promises: links cannot reach outside, the limits apply to every file a
template includes, Markdown escaping survives Jinja's HTML filters, and the
guards leave ordinary template idioms as Jinja prints them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.assemble import limits
from app.assemble.catalog import find_template
from app.assemble.context import build_context
from app.assemble.worker import render_template_bounded
from app.brief.select import project_from_sources
from app.core import bounded
from app.core.document import Paragraph, Run, plain_text
from app.core.errors import TemplateError
from app.parse.markup import parse_markup


@pytest.fixture(autouse=True)
def real_children(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bounded.INLINE_ENV, raising=False)


def _template_folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(body, encoding="utf-8")
    return folder


def _assemble(folder: Path, source, **details: str) -> str:
    project = project_from_sources([source], **details)
    return render_template_bounded(find_template(str(folder)), build_context(project, {source.path: source}))


def test_included_file_with_any_name_is_time_limited(tmp_path: Path, sample_source, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SECONDS", 1.0)
    folder = _template_folder(tmp_path, '{% include "loop.md" %}\n')
    (folder / "loop.md").write_text("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError, match="stopped after 1 s"):
        _assemble(folder, sample_source)


@pytest.mark.parametrize("include", ["leak.md.j2", "up/outside.txt", "linked.md"])
def test_links_cannot_reach_outside_the_template_folder(tmp_path: Path, sample_source, include: str):
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET CONTENT", encoding="utf-8")
    folder = _template_folder(tmp_path, f'{{% include "{include}" %}}\n')
    (folder / "leak.md.j2").symlink_to(outside)
    (folder / "up").symlink_to(tmp_path)
    os.link(outside, folder / "linked.md")
    with pytest.raises(TemplateError) as error:
        _assemble(folder, sample_source)
    assert "SECRET CONTENT" not in str(error.value)
    assert include.rsplit("/", 1)[-1] in str(error.value)


def test_links_within_the_folder_still_work(tmp_path: Path, sample_source):
    folder = _template_folder(tmp_path, '{% include "alias.md" %}\n')
    (folder / "part.md").write_text("from the part\n", encoding="utf-8")
    (folder / "alias.md").symlink_to(folder / "part.md")
    assert _assemble(folder, sample_source).strip() == "from the part"


@pytest.mark.parametrize("expression", ["p | e", "p | escape", "p | forceescape", "p | tojson", "p | string"])
def test_jinja_escaping_filters_keep_markdown_escaping(tmp_path: Path, sample_source, expression: str):
    folder = _template_folder(
        tmp_path, f"{{% set p = '- injected *list* [link](http://evil)' %}}{{{{ {expression} }}}}\n"
    )
    markup = _assemble(folder, sample_source)
    assert "\\*list\\*" in markup and "\\[link\\]" in markup


def test_lone_carriage_returns_cannot_make_code_blocks(tmp_path: Path, sample_source):
    folder = _template_folder(tmp_path, "{{ summary }}\n")
    markup = _assemble(folder, sample_source, summary="a\r\r    indented code\r\r# heading")
    blocks = parse_markup(markup).blocks
    assert all(isinstance(b, Paragraph) for b in blocks)
    assert not any(r.code for b in blocks for r in b.inlines if isinstance(r, Run))
    assert "# heading" in plain_text(blocks[-1].inlines)


#: Everyday Jinja, each printed unescaped (``| md``) beside what Jinja itself prints for it.
IDIOMS = [
    ("'%5.1f|%-4s|%03d|%x' % (3.14159, 'ab', 7, 255)", "  3.1|ab  |007|ff"),
    ("'%(a)s-%(b)r' % {'a': 1, 'b': 'x'}", "1-'x'"),
    ("'%s' | format([1, 'a'])", "[1, 'a']"),
    ("'{:>6}|{:<4}|{:^5}|{:.2f}|{!r}'.format('ab', 'c', 'd', 2.5, 'q')", "    ab|c   |  d  |2.50|'q'"),
    ("'{a}{b}'.format_map({'a': 1, 'b': 2})", "12"),
    ("'{0.heading}'.format(items[0])", "Overview"),
    ("'{:%Y}'.format(now) | length", "4"),
    ("items | map(attribute='heading') | first", "Overview"),
    ("[1, 2, 3] | join('-')", "1-2-3"),
    ("[[1], [2, 3]] | sum(start=[])", "[1, 2, 3]"),
    ("[1, 2, 3] | sum", "6"),
    ("range(5) | batch(2) | list", "[[0, 1], [2, 3], [4]]"),
    ("range(5) | slice(2) | list", "[[0, 1, 2], [3, 4]]"),
    ("[1, 2, 3] | reverse | list", "[3, 2, 1]"),
    ("'abc' | reverse", "cba"),
    ("['b', 'a'] | sort | join", "ab"),
    ("{'b': 1, 'a': 2} | dictsort", "[('a', 2), ('b', 1)]"),
    ("{'a': 1} | items | list", "[('a', 1)]"),
    ("[1, None, 'x', (2,), {'k': [1.5]}] | string", "[1, None, 'x', (2,), {'k': [1.5]}]"),
    ("{'a': [1, 2]} | pprint", "{'a': [1, 2]}"),
    ("{'a': [1, 'x']} | tojson", '{"a": [1, "x"]}'),
    ("'one two three four' | wordwrap(8)", "one two\nthree\nfour"),
    ("'a\nb' | indent(2, first=True)", "  a\n  b"),
    ("'ab' | center(6)", "  ab  "),
    ("'aaa' | replace('a', 'bb', 2)", "bbbba"),
    ("'x'.center(5, '*') ~ 'y'.zfill(3) ~ 'a b'.replace(' ', '-')", "**x**00ya-b"),
    ("', '.join(['a', 'b'])", "a, b"),
    ("2 ** 10 ~ ' ' ~ 7 // 2 ~ ' ' ~ 7 % 3 ~ ' ' ~ (10 ** 30) * 3", "1024 3 1 3000000000000000000000000000000"),
    ("([1] + [2]) ~ ('a' + 'b') ~ (1 + 2)", "[1, 2]ab3"),
    ("3.14159 | round(2) ~ ' ' ~ 2.5 | round(0, 'floor')", "3.14 2.0"),
    ("items[0].paragraphs | length > 0", "True"),
    ("(items | map('upper') | list | length) == (items | length)", "True"),
]


def test_everyday_idioms_print_as_jinja_prints_them(tmp_path: Path, sample_source):
    body = "".join(f"{{{{ ({expression}) | md }}}}\n---\n" for expression, _ in IDIOMS)
    folder = _template_folder(tmp_path, body)
    printed = _assemble(folder, sample_source).split("\n---\n")
    for (expression, expected), got in zip(IDIOMS, printed, strict=False):
        assert got == expected, expression


def test_everyday_statements_still_work(tmp_path: Path, sample_source):
    body = (
        "{% set c = cycler('odd', 'even') %}{% for i in range(3) %}{{ c.next() }} {% endfor %}|"
        "{% set j = joiner(', ') %}{% for i in range(3) %}{{ j() }}{{ i }}{% endfor %}|"
        "{% set ns = namespace(total=0) %}{% for i in range(4) %}{% set ns.total = ns.total + i %}{% endfor %}"
        "{{ ns.total }}|"
        "{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{{ loop.index }}{% endfor %}|"
        "{% macro box(x) %}[{{ x }}{{ caller() if caller }}]{% endmacro %}{% call box(1) %}!{% endcall %}|"
        "{% filter upper %}shout{% endfilter %}|"
        "{% set s %}{{ 'set' }} block{% endset %}{{ s }}"
        "{% block b %}|block{% endblock %}{{ self.b() }}\n"
    )
    folder = _template_folder(tmp_path, body)
    markup = _assemble(folder, sample_source)
    assert markup.strip() == "odd even odd |0,1,2|6|a1b2a3|[1\\!]|SHOUT|set block|block\\|block"
