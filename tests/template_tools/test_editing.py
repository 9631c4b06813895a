"""Previewing unsaved template text: nothing written, errors with file and line, built-ins never saved over."""

from __future__ import annotations

import os

import pytest

from app.assemble.catalog import find_template
from app.core.errors import StyleError, TemplateError
from app.template_tools.check import sample_project
from app.template_tools.edited_build import build_edited_brief, build_edited_preview
from app.template_tools.editing import (
    TemplateText,
    problem_message,
    read_template_text,
    save_template_text,
)
from app.template_tools.store import duplicate_template


@pytest.fixture
def house():
    return duplicate_template("policy-brief", "house")


def test_edited_markup_and_style_change_the_brief_without_writing(house):
    project, sources = sample_project()
    on_disk = read_template_text(house)
    edited = TemplateText(
        on_disk.markup.replace("# Key points", "# Main findings"),
        on_disk.style.replace('size = "A4"', 'size = "Letter"'),
    )
    result = build_edited_preview(project, sources, house, edited)
    assert "# Main findings" in result.brief.markup and "# Key points" not in result.brief.markup
    assert result.brief.style.page.size == "Letter"
    assert result.preview.pdf.startswith(b"%PDF") and result.preview.page_count
    assert result.brief.document.meta.title == project.meta.title
    assert read_template_text(house) == on_disk


def test_the_template_folder_still_supplies_partials(house):
    (house.folder / "title-block.md.j2").write_text("# From the folder\n", encoding="utf-8")
    project, sources = sample_project()
    brief = build_edited_brief(project, sources, house, read_template_text(house))
    assert brief.markup.startswith("# From the folder")


@pytest.mark.parametrize(
    ("inserted", "kind"),
    [("{{ }}", "syntax error"), ("{{ meta.nope }}", "undefined value"), ("{{ 1 // 0 }}", "ZeroDivisionError")],
)
def test_markup_errors_name_the_edited_file_and_line(house, inserted, kind):
    project, sources = sample_project()
    text = read_template_text(house)
    lines = text.markup.splitlines()
    line = lines.index("# Key points") + 1
    lines[line - 1] += " " + inserted
    with pytest.raises(TemplateError) as caught:
        build_edited_brief(project, sources, house, TemplateText("\n".join(lines), text.style))
    assert caught.value.filename == str(house.source_path)
    assert caught.value.lineno == line
    assert problem_message(caught.value).startswith(f"{kind}:")


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("[banner]", "[banner", "[banner", "not valid TOML: "),
        ('size = "A4"', 'size = "A4"\ncolour = 3', "colour = 3", "page.colour: unknown key"),
        ("body = 10.5", 'body = "x"', 'body = "x"', "sizes.body: Input should be a valid number"),
    ],
)
def test_style_errors_name_the_line_of_the_key(house, old, new, line, message):
    project, sources = sample_project()
    text = read_template_text(house)
    style = text.style.replace(old, new)
    with pytest.raises(StyleError) as caught:
        build_edited_brief(project, sources, house, TemplateText(text.markup, style))
    assert caught.value.filename == str(house.style_path)
    assert caught.value.lineno == style.splitlines().index(line) + 1
    assert problem_message(caught.value).startswith(message)


def test_save_writes_both_files_and_never_a_builtin(house):
    save_template_text(house, TemplateText("# Only this\n", '[page]\nsize = "Letter"\n'))
    assert read_template_text(house) == TemplateText("# Only this\n", '[page]\nsize = "Letter"\n')

    builtin = find_template("policy-brief")
    before = read_template_text(builtin)
    with pytest.raises(TemplateError, match="built-in template 'policy-brief' cannot be changed"):
        save_template_text(builtin, TemplateText("# Mine\n", ""))
    assert read_template_text(builtin) == before


def test_an_empty_style_is_not_written_where_there_was_none(house):
    house.style_path.unlink()
    assert read_template_text(house).style == ""
    save_template_text(house, TemplateText("# Plain\n", ""))
    assert not house.style_path.exists()


def test_a_deeply_nested_edited_style_is_a_style_error(house):
    project, sources = sample_project()
    text = read_template_text(house)
    with pytest.raises(StyleError, match="nest") as caught:
        build_edited_brief(project, sources, house, TemplateText(text.markup, "a = " + "[" * 5000 + "]" * 5000))
    assert caught.value.filename == str(house.style_path)


def test_edited_markup_too_large_to_compile_is_refused_with_the_file_name(house):
    project, sources = sample_project()
    text = read_template_text(house)
    with pytest.raises(TemplateError, match="tags") as caught:
        build_edited_brief(project, sources, house, TemplateText("{{ 1 }}" * 20_000, text.style))
    assert caught.value.filename == str(house.source_path)


@pytest.mark.parametrize("name", ["brief.md.j2", "style.toml"])
def test_reading_a_template_whose_file_is_a_fifo_does_not_wait(house, name):
    (house.folder / name).unlink()
    os.mkfifo(house.folder / name)
    with pytest.raises(TemplateError, match="not a regular file"):
        read_template_text(house)
