"""One lock for every pdfium call in the process.

pdfium is not thread-safe: two threads inside it at once can crash the
interpreter, and the desktop renders previews on worker threads.  Every caller
of pypdfium2 (today the preview rasteriser; PDF ingest reads with pypdf, which
needs no lock) holds this lock around its calls.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
