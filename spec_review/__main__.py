"""`python -m spec_review`: the review tools' command line (see `spec_review.cli`)."""

import sys

from spec_review.cli import main

sys.exit(main())
