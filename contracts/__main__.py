"""`python -m contracts`: the contract suite's command line and its review subcommands (see `contracts.cli`)."""

import sys

from contracts.cli import main

sys.exit(main())
