"""`python -m mock_server`: the mock server's command line (see `mock_server.cli`)."""

from mock_server.cli import main

raise SystemExit(main())
