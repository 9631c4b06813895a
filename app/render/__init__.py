"""Render: Document + Style → bytes of one output format. One sub-package per writer (docx, pdf) and
the parts both share (numbering, header and footer furniture, logo, fonts), so the formats cannot drift."""
