"""`python -m engagement ...`: see engagement.cli."""

import sys

from .cli import main

sys.exit(main())
