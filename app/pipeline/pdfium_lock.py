"""One lock for every pdfium call in the process.

pdfium is not thread-safe: two threads inside it at once can crash the
interpreter. The desktop runs ingest and preview on worker threads at the same
time, so every module that calls pypdfium2 (the PDF reader, the preview)
holds this lock around its calls.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
