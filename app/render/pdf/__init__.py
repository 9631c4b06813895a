"""The PDF writer: reportlab platypus flowables, with right-to-left text shaped and reordered."""
