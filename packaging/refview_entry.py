"""Entry script of the PyInstaller bundle: the same as the ``refview`` console script.

PyInstaller needs a script file, not an entry point; this one only hands over to
:func:`viewer.cli.main` so that the bundle and ``pip install`` run identical code.
"""

import sys

from viewer.cli import main

if __name__ == "__main__":
    sys.exit(main())
