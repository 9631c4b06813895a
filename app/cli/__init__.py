"""The `briefgen` command: argument parsing and one place that turns errors into messages and exit codes."""
