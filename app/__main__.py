"""Allow ``python -m app`` as well as the ``briefgen`` console script."""

import sys

from app.cli.main import main

sys.exit(main())
