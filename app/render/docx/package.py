"""The .docx package made the same way every time: entries in order, all dated the build's time.

python-docx stamps every zip entry with the moment it writes it, so two builds
of one brief would differ in their bytes even with identical content.
Re-packing with one date (the build time, which ``SOURCE_DATE_EPOCH`` fixes)
makes reproducible builds possible and costs milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

#: The earliest date a zip entry can carry.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def repack(data: bytes, moment: dt.datetime) -> bytes:
    """``data`` (a zip) with every entry dated ``moment`` (at the earliest 1980) and compressed alike."""
    stamp = max(moment, ZIP_EPOCH).timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return output.getvalue()
