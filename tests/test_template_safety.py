"""Templates are untrusted: known server-side template injection payloads all fail, and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import TemplateError
from app.select import project_from_sources
from app.templating import assemble, find_template

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
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_fails_with_template_error(payload: str, tmp_path: Path, sample_source, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("app.template_sandbox.MAX_SECONDS", 0.5)
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(f"# Brief\n\n{payload.replace('MARKER', MARKER)}\n", encoding="utf-8")
    project = project_from_sources([sample_source])
    with pytest.raises(TemplateError) as error:
        assemble(project, {sample_source.path: sample_source}, find_template(str(folder)))
    assert "brief.md.j2" in str(error.value) or "evil" in str(error.value)
    assert not (tmp_path / MARKER).exists()
    assert "root:" not in str(error.value)
