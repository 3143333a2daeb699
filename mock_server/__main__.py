"""`python -m mock_server`: the mock server's command line (see `mock_server.cli`)."""

import gc

# Collection stays off through the imports and the build; `cli.main` turns it on again (`cli.collection_paused`).
gc.disable()

from mock_server.cli import main  # noqa: E402  # after pausing collection, which the imports would trigger

raise SystemExit(main())
