"""Allow ``python -m app`` as well as the ``briefgen`` console script."""

import sys

from app.cli.main import main

if __name__ == "__main__":  # worker processes import this module as their main without running it
    sys.exit(main())
