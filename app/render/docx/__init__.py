"""The Word writer: python-docx over the bundled reference document."""
