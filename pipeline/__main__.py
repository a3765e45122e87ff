"""``python -m pipeline`` is ``wireclaims``."""

import sys

from .cli import main

sys.exit(main())
