"""The TypeScript answers file of `make clients`: each JSON answer typed by the response of its status."""

from __future__ import annotations

import json

from tools.typescript_answers import typescript_answers


def answer(
    status: int, body: object, content_type: str = "application/json", path: str = "/v1/workflows/{id}/runs"
) -> dict[str, object]:
    return {
        "label": f"asked for {status}",
        "status": status,
        "content_type": content_type,
        "body": json.dumps(body),
        "path_template": path,
        "method": "get",
    }


def test_each_json_answer_is_a_constant_typed_by_its_operation_and_status() -> None:
    answers = [answer(200, {"code": 200}), answer(404, {"code": 404}), answer(200, {"code": 0}, path="/v1/runs/{id}")]
    text = typescript_answers("b3os", answers)
    assert 'import type { paths } from "./b3os";' in text
    listing = 'paths["/v1/workflows/{id}/runs"]["get"]["responses"]'
    assert f"export const answer0: Body<{listing}, 200> = {{\n" in text
    assert f"export const answer1: Body<{listing}, 404> = {{\n" in text
    assert 'export const answer2: Body<paths["/v1/runs/{id}"]["get"]["responses"], 200> = {\n' in text
    assert "// asked for 404" in text


def test_an_answer_that_is_not_json_is_left_to_the_python_clients() -> None:
    text = typescript_answers("b3os", [answer(200, [], "text/plain")])
    assert "answer0" not in text
