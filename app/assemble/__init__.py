"""Assemble: a project and a template → markup text. Finds templates, builds the values a template
sees, and runs it in a sandbox that escapes everything it prints and bounds everything it builds, inside a
worker process bounded in time and memory."""
