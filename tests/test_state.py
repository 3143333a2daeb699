"""A served dialect's state: reseeding replaces the data and drops replies of the old data."""

from __future__ import annotations

from mock_server.data.clock import VirtualClock
from mock_server.data.generate import REFERENCE_TIME
from mock_server.dialects import DIALECTS
from mock_server.dialects.base import Reply
from mock_server.web.auth import TokenRegistry
from mock_server.web.state import Mount


def test_reseeding_replaces_the_data_and_forgets_cached_replies() -> None:
    mount = Mount(DIALECTS["cortex-v1"], "/cortex-v1", TokenRegistry(["t"]), seed=0, clock=VirtualClock(REFERENCE_TIME))
    before = mount.fixture
    mount.replies.get("key", lambda: Reply(200, []))
    mount.reseed(5)
    assert mount.seed == 5
    assert mount.fixture != before
    assert len(mount.replies) == 0
    mount.reseed(0)
    assert mount.fixture == before


def test_the_fixture_gives_the_demo_token_and_the_parameters_of_the_demo_data() -> None:
    mount = Mount(DIALECTS["b3os"], "", TokenRegistry(["t"]), seed=3, clock=VirtualClock(REFERENCE_TIME))
    assert mount.fixture == {"token": DIALECTS["b3os"].demo_token, "params": {"id": mount.store.demo.workflow_id}}
