"""The b3os dialect's request ids: derived from the request alone, so identical requests get identical answers."""

from __future__ import annotations

import re

from mock_server.dialects.b3os import request_id

ID = re.compile(r"req_[0-9a-f]{16}")


def test_the_same_request_gets_the_same_id_whatever_the_order_of_its_parameters() -> None:
    first = request_id({"id": "wf_1"}, {"limit": 20, "offset": 0, "status": ["running"]})
    again = request_id({"id": "wf_1"}, {"status": ["running"], "offset": 0, "limit": 20})
    assert ID.fullmatch(first)
    assert first == again


def test_requests_differing_in_one_parameter_get_different_ids() -> None:
    ids = {request_id({"id": "wf_1"}, {"limit": limit, "offset": 0}) for limit in range(1, 101)}
    ids |= {request_id({"id": "wf_2"}, {"limit": 1, "offset": 0}), request_id({"id": "wf_1"}, {"limit": "1"})}
    assert len(ids) == 102


def test_an_integer_past_64_bits_still_gets_a_stable_id() -> None:
    # An integer past 64 bits (a huge offset, a number in a body) takes the standard library's encoder.
    huge = {"limit": 20, "offset": 10**30}
    assert ID.fullmatch(request_id({"id": "wf_1"}, huge))
    assert request_id({"id": "wf_1"}, huge) == request_id({"id": "wf_1"}, dict(huge))
    assert request_id({"id": "wf_1"}, huge) != request_id({"id": "wf_1"}, {"limit": 20, "offset": 10**30 + 1})
