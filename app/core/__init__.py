"""The shared vocabulary every stage speaks: the project and source model, the Document tree, the style,
errors, bundled paths, atomic file writing and the one registry of input and output formats.
Nothing here imports another stage."""
