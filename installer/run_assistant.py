"""Entry script of the frozen application (PyInstaller needs a script, not ``-m assistant``)."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main())
