"""Cut each bundled face to the characters briefs are commonly written in, for the DOCX to carry.

    .venv/bin/python tools/make_docx_fonts.py

Writes assets/fonts/docx/<face>.ttf for every face in assets/fonts that has Latin or Arabic letters
(app/render/docx/font_subsets.py explains why the cuts ship ready).  Run it again after changing COMMON or a face.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.render.docx.font_subsets import COMMON, CUTS_DIR, cut_face, face_characters
from app.render.fonts import FONTS_DIR

#: Faces a DOCX may name (the style's body, heading, mono and Arabic families).
FAMILIES = ("NotoSerif", "NotoSans", "DejaVuSansMono", "NotoNaskhArabic")


def main() -> None:
    CUTS_DIR.mkdir(exist_ok=True)
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        if path.stem.split("-")[0] in FAMILIES:
            data = cut_face(path, COMMON & face_characters(path))
            (CUTS_DIR / path.name).write_bytes(data)
            print(f"{path.name}: {path.stat().st_size // 1024} KB → {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
