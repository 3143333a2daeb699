"""The TypeScript answers file of `make clients`: each JSON answer typed by the response of its status."""

from __future__ import annotations

import json

from tools.typescript_answers import typescript_answers


def answer(status: int, body: object, content_type: str = "application/json") -> dict[str, object]:
    return {"label": f"asked for {status}", "status": status, "content_type": content_type, "body": json.dumps(body)}


def test_each_json_answer_is_a_constant_typed_by_its_status() -> None:
    text = typescript_answers(
        "b3os", "/v1/workflows/{id}/runs", [answer(200, {"code": 200}), answer(404, {"code": 404})]
    )
    assert 'import type { paths } from "./b3os";' in text
    assert 'type Responses = paths["/v1/workflows/{id}/runs"]["get"]["responses"];' in text
    assert "export const answer0: Body<200> = {\n" in text
    assert "export const answer1: Body<404> = {\n" in text
    assert "// asked for 404" in text


def test_an_answer_that_is_not_json_is_left_to_the_python_clients() -> None:
    text = typescript_answers("b3os", "/runs", [answer(200, [], "text/plain")])
    assert "answer0" not in text
