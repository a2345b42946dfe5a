"""Allow ``python -m events`` as an alias of the ``eventmap`` command."""

import sys

from events.cli import main

sys.exit(main())
