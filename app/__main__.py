"""Allow ``python -m app`` as well as the ``briefgen`` console script."""

import sys

from app.cli import main

sys.exit(main())
