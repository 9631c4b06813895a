"""Parse: the assembled markup (Markdown with citations and containers) → the Document tree that every
writer walks."""
