"""``python -m vnkg.names``."""
import sys

from .evaluate import main

sys.exit(main())
