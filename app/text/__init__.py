"""Text helpers any stage may use: sentences, datelines, dates, control characters, scripts and the
Unicode bidirectional algorithm. Pure functions over strings; no Briefgen types."""
