"""``python -m viewer``: the same as the ``refview`` command."""

import sys

from viewer.cli import main

sys.exit(main())
