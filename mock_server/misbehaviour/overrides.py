"""Answers that replace the list handler's: the one a request prefers, and the failures of the error rate.

Both are decided where the handler would answer, so authentication and parameter validation come first: a
request without a valid token gets its 401 whatever it prefers, and a malformed one its 400. (Prism answers the
preferred code without those checks; here a frontend sees its error pages with the token it really sends.)

- `Prefer: code=N` answers the documented response for N (its first example); `code=200` alone lets the handler
  answer, as 200 is what it answers anyway. `example=NAME` answers that example with its response's status;
  with `code=N` too, the example must be one of N's. Anything else is a 400 naming what the spec documents.
- The error rate fails a drawn fraction of the requests that prefer no answer of their own and that the handler
  answers 200 (the app gives one to the list operation only): a request for a workflow that does not exist still
  gets its 404, and a malformed one its 400.
"""

from __future__ import annotations

from collections.abc import Awaitable

from starlette.types import ASGIApp, Scope

from mock_server.misbehaviour.chaos import ErrorRate
from mock_server.misbehaviour.documented import OK, DocumentedAnswers
from mock_server.misbehaviour.prefer import PREFERRED_KEY, Preferred, bad_preference
from mock_server.web.plugins import Handler
from mock_server.web.replies import Encoded


async def ready(answer: Encoded) -> ASGIApp:
    return answer


def choose(answers: DocumentedAnswers, preferred: Preferred) -> Encoded | None:
    """The answer `preferred` asks for, None to let the handler answer, or raise its 400."""
    code, example = preferred.code, preferred.example
    status = int(code) if code is not None and code.isdigit() else None
    if code is not None and status not in answers.statuses:
        offered = ", ".join(map(str, answers.documented)) + " (documented)"
        offered += "".join(f" or {extra} (a server error)" for extra in answers.undocumented)
        raise preferred.problem(bad_preference("code", code, f"Prefer: code must be one of {offered}"))
    if example is not None:
        found = answers.status_of.get(example)
        if found is None or (status is not None and found != status):
            raise preferred.problem(bad_preference("example", example, unknown_example(answers, example, status)))
        status = found
    if preferred.issues:
        raise preferred.problem()
    if status is None or (status == OK and example is None):
        return None
    preferred.applied.extend(f"{name}={value}" for name, value in (("code", code), ("example", example)) if value)
    return answers.answer(status, example)


def unknown_example(answers: DocumentedAnswers, example: str, status: int | None) -> str:
    names = [name for name, of in answers.status_of.items() if status is None or of == status]
    if status is None:
        listed = ", ".join(f"{name} ({answers.status_of[name]})" for name in names)
        return f"Prefer: example must name an example this API documents: {listed}"
    where = f" ({example} is a {answers.status_of[example]} example)" if example in answers.status_of else ""
    return f"Prefer: the documented {status} examples are: {', '.join(names) or 'none'}{where}"


def overriding(handler: Handler, answers: DocumentedAnswers, error_rate: ErrorRate | None) -> Handler:
    """`handler`, answering what a request prefers, and failing at `error_rate` when it prefers nothing."""

    def answer(scope: Scope) -> Awaitable[ASGIApp]:
        preferred: Preferred | None = scope.get(PREFERRED_KEY)
        if preferred is not None:
            chosen = choose(answers, preferred)
            if chosen is not None:
                return ready(chosen)
            if preferred.code is not None:  # code=200: the handler's own answer, as asked
                preferred.applied.append(f"code={preferred.code}")
                return handler(scope)
        return handler(scope) if error_rate is None else failing(scope, error_rate)

    async def failing(scope: Scope, error_rate: ErrorRate) -> ASGIApp:
        # Drawn only for an answer that would be a 200: a 404 or a 400 stays what it is.
        response = await handler(scope)
        failure = error_rate.draw() if isinstance(response, Encoded) and response.status == OK else None
        return response if failure is None else answers.answer(failure)

    def answer_as_preferred(scope: Scope) -> Awaitable[ASGIApp]:
        preferred: Preferred | None = scope.get(PREFERRED_KEY)
        return handler(scope) if preferred is None else answer(scope)

    # Without an error rate a request with no `Prefer` costs one lookup more than the handler alone.
    return answer if error_rate is not None else answer_as_preferred
