"""One reader per input format: a path → Source with sections and metadata."""
