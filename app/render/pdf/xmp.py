"""The PDF's XMP metadata: the document information dictionary's facts again, in the form archives and search
tools read (Dublin Core title, creator, description, subject keywords and language; the dates and the tool).

Written from the information dictionary reportlab has just filled, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from app.text.controls import xml_safe

_HEADER = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
_FOOTER = '<?xpacket end="w"?>'
_NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
)


def xmp_packet(doc: Any, language: str, keywords: list[str]) -> bytes:
    """The packet (UTF-8) for reportlab's PDFDocument ``doc`` (its ``info`` and time stamp), in ``language``
    ("" when unknown); ``keywords`` one by one, as the information dictionary has them joined by commas."""
    info = doc.info
    moment = _moment(doc._timeStamp)
    fields = [
        "<dc:format>application/pdf</dc:format>",
        _alternative("dc:title", info.title),
        _sequence("dc:creator", [info.author] if info.author else []),
        _alternative("dc:description", info.subject),
        _sequence("dc:subject", keywords, "Bag"),
        _sequence("dc:language", [language] if language else [], "Bag"),
        _simple("pdf:Keywords", ", ".join(keywords)),
        _simple("pdf:Producer", info.producer),
        _simple("xmp:CreatorTool", info.creator),
        _simple("xmp:CreateDate", moment),
        _simple("xmp:ModifyDate", moment),
        _simple("xmp:MetadataDate", moment),
    ]
    body = "".join(field for field in fields if field)
    return (
        f'{_HEADER}<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {_NAMESPACES}>{body}</rdf:Description>'
        f"</rdf:RDF></x:xmpmeta>{_FOOTER}"
    ).encode()


def _moment(stamp: Any) -> str:
    """reportlab's time stamp (its CreationDate) as an ISO 8601 date with its offset."""
    offset = dt.timezone(dt.timedelta(hours=stamp.dhh, minutes=stamp.dmm))
    year, month, day, hour, minute, second = stamp.YMDhms
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=offset).isoformat()


def _text(value: str) -> str:
    return escape(xml_safe(value))


def _simple(name: str, value: str) -> str:
    return f"<{name}>{_text(value)}</{name}>" if value else ""


def _alternative(name: str, value: str) -> str:
    if not value:
        return ""
    return f'<{name}><rdf:Alt><rdf:li xml:lang="x-default">{_text(value)}</rdf:li></rdf:Alt></{name}>'


def _sequence(name: str, values: list[str], kind: str = "Seq") -> str:
    if not values:
        return ""
    items = "".join(f"<rdf:li>{_text(value)}</rdf:li>" for value in values)
    return f"<{name}><rdf:{kind}>{items}</rdf:{kind}></{name}>"
