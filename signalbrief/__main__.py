"""Entry point for `python -m signalbrief`."""
import sys

from signalbrief.cli import main

sys.exit(main())
