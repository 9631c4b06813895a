"""Allow ``python -m app`` as well as the ``briefgen`` console script."""

from app.cli.main import console

if __name__ == "__main__":  # worker processes import this module as their main without running it
    console()
