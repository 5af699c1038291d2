#!/usr/bin/env python3
"""Build the museum: `python build.py` (same as `museum build`); `python build.py check` validates only."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from museum.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
