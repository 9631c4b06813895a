"""The pipeline end to end: build a brief (assemble → parse), render it to each chosen format and
write them all or none, and rasterise previews. The GUI, the CLI and the tests call these same functions."""
