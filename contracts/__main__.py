"""`python -m contracts`: the contract suite's command line and its review subcommands (see `contracts.front.cli`)."""

import sys

from contracts.front.cli import main

sys.exit(main())
