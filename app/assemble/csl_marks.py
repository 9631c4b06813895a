"""The private-use characters that carry a CSL style's formatting through citeproc, and stand for what is put in
after it has run (app/assemble/csl_engine.py writes them, app/assemble/citation_styles.py reads them)."""

from __future__ import annotations

#: The style's italics and bold.
I_OPEN, I_CLOSE, B_OPEN, B_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
#: Where a locator's value goes (the CSL locator is ``LOCATOR`` twice, or with "1,2" between for a plural one),
#: the source's web address, and a locator the style has no label for.
LOCATOR, URL, SUFFIX = "\ue004", "\ue005", "\ue006"
#: Every character this module may use (taken out of a source's metadata before citeproc sees it).
PRIVATE = "[\ue000-\ue00f]"
