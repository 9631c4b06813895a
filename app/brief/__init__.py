"""The analyst's brief as they shape it: choosing sections, editing items, searching sources,
the .brief project file, autosave and crash recovery."""
