"""`python -m sdus_desktop` starts the desktop application."""

import sys

from sdus_desktop.app import main

sys.exit(main())
