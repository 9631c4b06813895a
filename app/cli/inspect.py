"""``briefgen inspect``: what Briefgen reads in each source — sections, figures, warnings, repeated passages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.brief.select import numbered_sections
from app.cli.reading import read_all, source_files
from app.core.model import Section, Source
from app.pipeline.repeats import section_repeats
from app.text.controls import printable


def run(args: argparse.Namespace) -> int:
    files = source_files(args.sources)
    sources = read_all(files)
    repeats = section_repeats(sources)
    if args.json:
        json.dump([source_json(source, repeats) for source in sources], sys.stdout, indent=1)
        print()
        return 0
    numbered: dict[int, list[tuple[int, Section]]] = {}
    numbers: dict[tuple[str, str], int] = {}
    for number, source, section in numbered_sections(sources):
        numbered.setdefault(id(source), []).append((number, section))
        numbers[(source.path, section.id)] = number
    for source in sources:
        facts = (source.outlet, source.author, source.date, source.format, source.language)
        details = " · ".join(printable(x) for x in facts if x)
        print(f"{printable(source.path)}\n  title: {printable(source.title)}" + (f"\n  {details}" if details else ""))
        for warning in source.warnings:
            print(f"  warning: {printable(warning)}")
        for number, section in numbered.get(id(source), []):
            page = f"  p. {section.page}" if section.page else ""
            heading = printable(section.display_heading)
            print(f"  {number:>3}  {printable(section.id):<42} {section.word_count:>5} words  {heading}{page}")
            others = repeats.get((source.path, section.id), [])
            if others:
                places = ", ".join(f"{printable(Path(path).name)} §{numbers[(path, sid)]}" for path, sid in others)
                print(f"       also in {places}")
        for figure in source.figures:
            size = f"{figure.width_px}×{figure.height_px}"
            words = " — ".join(printable(x) for x in (figure.caption, figure.credit) if x) or "(no caption)"
            print(f"       {figure.id:<12} in {printable(figure.section_id):<27} {size:>11}  {words}")
    return 0


def source_json(source: Source, repeats: dict[tuple[str, str], list[tuple[str, str]]]) -> dict:
    """The source as JSON, each section with ``also_in``: the other sources' sections carrying its passages."""
    data = source.model_dump(mode="json")
    for section in data["sections"]:
        others = repeats.get((source.path, section["id"]), [])
        section["also_in"] = [{"path": path, "section": section_id} for path, section_id in others]
    return data
