"""Connexion's response validation (`--validate-responses`), with what it works out per response done once.

With `plugins.py`, the only module of the web layer that knows Connexion: Connexion's response validation
middleware is replaced (see `stack.quicker_middlewares`) by one whose checks are Connexion's own, and whose
body validator judges with a compiled validator (`response_bodies.BodyJudge`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, ClassVar

from connexion import utils
from connexion.exceptions import NonConformingResponseBody
from connexion.middleware.response_validation import (
    ResponseValidationAPI,
    ResponseValidationMiddleware,
    ResponseValidationOperation,
)
from connexion.validators import JSONResponseBodyValidator
from starlette.types import Message, Receive, Scope, Send

from mock_server.web.response_bodies import BodyJudge

logger = logging.getLogger("mock_server")


class ResponseValidator(JSONResponseBodyValidator):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's JSON response validator, judging with a validator compiled once per response schema.

    Connexion builds a new pure-Python jsonschema validator for every response and parses the body with the
    standard library; here each schema is compiled once (`mock_server.web.response_bodies`), and a body that
    breaks it gets Connexion's answer to a non-conforming response, naming where and what is wrong.
    """

    # Shared by every instance: Connexion makes one per response. Each entry keeps its schema alive, so the id
    # it is filed under is never reused for another schema.
    compiled: ClassVar[dict[int, tuple[Any, BodyJudge]]] = {}

    @property
    def judge(self) -> BodyJudge:
        entry = self.compiled.get(id(self._schema))
        if entry is None or entry[0] is not self._schema:
            entry = self.compiled[id(self._schema)] = (self._schema, BodyJudge(self._schema))
        return entry[1]

    def _parse(self, stream: Any) -> bytes:
        chunks = [chunk for chunk in stream if chunk]
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)  # one chunk: not copied

    def _validate(self, body: bytes) -> None:
        fault = self.judge.fault(body)
        if fault is not None:
            raise NonConformingResponseBody(detail=fault)


@dataclass(frozen=True)
class Plan:
    """What Connexion reads from the spec for one status and Content-Type of one operation's responses."""

    definition: dict[str, Any]
    required_headers: frozenset[str]
    """The names (in lowercase) of the headers the response's definition requires."""
    validator: type | None
    schema: dict[str, Any]
    nullable: bool
    encoding: str


class QuickResponseValidation(ResponseValidationOperation):  # type: ignore[misc]  # Connexion is untyped
    """Connexion's response validation of one operation, the spec read once per status and content type.

    On every response Connexion decoded the Content-Type, built a media-type table to check it against the
    operation's, and looked up the response's definition, schema and body validator; all of that depends only
    on the status and the Content-Type header, so it is worked out once per pair (a refused media type is
    refused again each time). The required-header check (the headers required read once) and the body validation
    still run on every response.
    """

    capacity: ClassVar[int] = 256

    def __init__(self, next_app: Any, **kwargs: Any) -> None:
        super().__init__(next_app, **kwargs)
        self.plans: dict[tuple[int, bytes | None], Plan] = {}

    def plan(self, status: int, headers: list[tuple[bytes, bytes]]) -> Plan:
        content_type = next((value for name, value in headers if name.lower() == b"content-type"), None)
        found = self.plans.get((status, content_type))
        if found is not None:
            return found
        mime_type, encoding = self.extract_content_type(headers)
        if status < 400:
            self.validate_mime_type(mime_type)  # raises, and so is never remembered, for a refused type
        code = str(status)
        definition = self._operation.response_definition(code, mime_type)
        try:
            validator = self._validator_map["response"][mime_type]
        except KeyError:
            logger.info("response of %s not validated: no validator for %s", self._operation.operation_id, mime_type)
            validator = None
        found = Plan(
            definition=definition,
            required_headers=frozenset(
                name.lower() for name, header in definition.get("headers", {}).items() if header.get("required")
            ),
            validator=validator,
            schema=self._operation.response_schema(code, mime_type),
            nullable=bool(utils.is_nullable(definition)),
            encoding=encoding,
        )
        if len(self.plans) < self.capacity:
            self.plans[(status, content_type)] = found
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def wrapped_send(message: Message) -> None:
            nonlocal send
            if message["type"] == "http.response.start":
                plan = self.plan(message["status"], message["headers"])
                # Connexion's check, asked only when a required header is missing, so its answer is the same.
                required = plan.required_headers
                if required and not required <= {name.decode("latin-1").lower() for name, _ in message["headers"]}:
                    self.validate_required_headers(message["headers"], plan.definition)
                if plan.validator is not None:
                    options = {"schema": plan.schema, "nullable": plan.nullable, "encoding": plan.encoding}
                    send = plan.validator(scope, **options).wrap_send(send)
            await send(message)

        await self.next_app(scope, receive, wrapped_send)


class QuickResponseValidationApi(ResponseValidationAPI):  # type: ignore[misc]  # Connexion is untyped
    def make_operation(self, operation: Any) -> Any:
        if not self.validate_responses:
            return self.next_app
        return QuickResponseValidation(self.next_app, operation=operation, validator_map=self.validator_map)


class QuickResponseValidationMiddleware(ResponseValidationMiddleware):  # type: ignore[misc]  # Connexion is untyped
    api_cls = QuickResponseValidationApi
