"""Request parameter validation, compiled once per operation from the spec's parameter objects.

Connexion's stock validator reports a single string; a dialect needs every issue with its parameter, kind
and bound to render its vendor's error body (FastAPI's `detail` list, zod-style `errors`, ...). So this module
coerces and checks path and query parameters itself and raises a `MockProblem` listing every `Issue`.
A value a plain-Python check of its schema accepts (bounds, enums, formats with jsonschema's own format checks) is
valid; any other goes to jsonschema, compiled once per parameter, which finds its issues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qsl

from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from mock_server.problems import Issue, IssueCode, Location, MockProblem, Problem, ProblemKind
from mock_server.web.fast_checks import Accepts, CoercionError, coerce_scalar, fast_check

NOT_SEEN = object()
"""What a rule's remembered values give for a raw value not among them."""
VALID_VALUES = 256
"""Valid raw values a parameter rule remembers the typed value of; past that, it starts afresh."""
REMEMBERED_LENGTH = 64
"""The longest raw value remembered: page sizes, offsets, filters and ids are short, and a rule's memory stays
small whatever a client sends."""

MAX_ECHOED_VALUE = 80
"""Values longer than this are cut when echoed in an error, so hostile input is not reflected whole."""

TYPE_NAMES = {"integer": "an integer", "number": "a number", "boolean": "true or false", "string": "a string"}
FORMAT_NAMES = {"uuid": "UUID", "date-time": "RFC 3339 date-time"}
UNKNOWN_QUERY_KEY = "x-unknown-query-parameters"
"""Where a spec states what its API does with a query parameter it does not declare: `ignored` or `rejected`."""


def ignores_unknown_query(document: Mapping[str, Any]) -> bool:
    """Whether the spec says unknown query parameters are ignored; it must say, one way or the other."""
    policy = document.get(UNKNOWN_QUERY_KEY)
    if policy not in ("ignored", "rejected"):
        raise ValueError(f"{UNKNOWN_QUERY_KEY} must be ignored or rejected, not {policy!r}")
    return bool(policy == "ignored")


def echo(value: str) -> str:
    return value if len(value) <= MAX_ECHOED_VALUE else value[:MAX_ECHOED_VALUE] + "..."


@dataclass(frozen=True)
class ParameterRule:
    """How to read and check one parameter."""

    name: str
    location: Location
    required: bool
    schema: Mapping[str, Any]
    validator: Draft4Validator
    accepts: Accepts | None
    is_array: bool
    kind: str
    """The JSON type a raw value is coerced to: the schema's, or its items' for an array."""
    valid: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The typed value of raw values of a scalar found valid (`check`), at most `VALID_VALUES` of them."""

    @classmethod
    def from_spec(cls, parameter: Mapping[str, Any]) -> ParameterRule:
        schema = parameter.get("schema", {})
        is_array = schema.get("type") == "array"
        return cls(
            name=parameter["name"],
            location=parameter["in"],
            required=bool(parameter.get("required", False)),
            schema=schema,
            validator=Draft4Validator(schema, format_checker=FormatChecker()),
            accepts=fast_check(schema),
            is_array=is_array,
            kind=schema.get("items", {}).get("type", "string") if is_array else schema.get("type", "string"),
        )

    def read(self, raws: Sequence[str]) -> Any:
        """The parameter's value from its raw occurrences, or raise `CoercionError`."""
        if self.is_array:
            return [coerce_scalar(raw, self.kind) for raw in raws]
        return coerce_scalar(raws[0], self.kind)

    def issue(self, code: IssueCode, message: str, value: str | None, expected: Any = None) -> Issue:
        return Issue(self.location, self.name, code, message, None if value is None else echo(value), expected)

    def check(self, raws: Sequence[str]) -> tuple[Any, Sequence[Issue]]:
        """The typed value (the default when absent) and every issue found with it.

        A short valid scalar's value is remembered: page sizes, offsets, filters and the ids of a path recur from
        one request to the next, so most are judged once. An array's value is a list, which its reader may change,
        so arrays are judged every time, as are invalid values.
        """
        if len(raws) != 1 or self.is_array:
            return self.judge(raws)
        raw = raws[0]
        value = self.valid.get(raw, NOT_SEEN)
        if value is not NOT_SEEN:
            return value, ()
        value, issues = self.judge(raws)
        if not issues and len(raw) <= REMEMBERED_LENGTH:
            if len(self.valid) >= VALID_VALUES:
                self.valid.clear()
            self.valid[raw] = value
        return value, issues

    def judge(self, raws: Sequence[str]) -> tuple[Any, Sequence[Issue]]:
        """`check` without the memory of valid values."""
        if not raws:
            if self.required:
                return None, [self.issue(IssueCode.MISSING, f"{self.name} is required", None)]
            return self.schema.get("default"), ()
        if len(raws) > 1 and not self.is_array:
            shown = ",".join(raws)
            return None, [self.issue(IssueCode.REPEATED_PARAMETER, f"{self.name} is given more than once", shown)]
        try:
            value = self.read(raws)
        except CoercionError:
            kind = self.schema.get("items", self.schema).get("type", "string")
            message = f"{self.name} must be {TYPE_NAMES.get(kind, kind)}"
            return None, [self.issue(IssueCode.INVALID_TYPE, message, ",".join(raws), kind)]
        if self.accepts is not None and self.accepts(value):
            return value, ()
        shown = ",".join(raws)
        return value, [self.explain(error, shown) for error in self.validator.iter_errors(value)]

    def explain(self, error: ValidationError, shown: str) -> Issue:
        keyword = str(error.validator)
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        if keyword == "enum":
            options = tuple(str(option) for option in schema["enum"])
            return self.issue(
                IssueCode.INVALID_ENUM, f"{self.name} must be one of: {', '.join(options)}", shown, options
            )
        if keyword == "minimum":
            bound = schema["minimum"]
            return self.issue(IssueCode.TOO_SMALL, f"{self.name} must be at least {bound}", shown, bound)
        if keyword == "maximum":
            bound = schema["maximum"]
            return self.issue(IssueCode.TOO_BIG, f"{self.name} must be at most {bound}", shown, bound)
        if keyword in ("minLength", "minItems"):
            bound = schema[keyword]
            return self.issue(IssueCode.TOO_SMALL, f"{self.name} must have at least {bound} characters", shown, bound)
        if keyword in ("maxLength", "maxItems"):
            bound = schema[keyword]
            limit = f"must have at most {bound} characters" if bound else "must be empty"
            message = f"{self.name} {limit}"
            return self.issue(IssueCode.TOO_BIG, message, shown, bound)
        if keyword in ("format", "pattern"):
            expected = str(schema.get("format", "pattern"))
            message = f"{self.name} must be a valid {FORMAT_NAMES.get(expected, expected)}"
            return self.issue(IssueCode.INVALID_FORMAT, message, shown, expected)
        return self.issue(IssueCode.MALFORMED, f"{self.name} is invalid: {error.message}", shown)


class ParsedParameters(NamedTuple):
    """The typed parameters of one request (a named tuple: made on every request, cheaper than a frozen dataclass)."""

    path: dict[str, Any]
    query: dict[str, Any]


class ParameterRules:
    """Every parameter rule of one operation."""

    def __init__(self, parameters: Sequence[Mapping[str, Any]], *, ignore_unknown: bool = False) -> None:
        rules = [ParameterRule.from_spec(parameter) for parameter in parameters]
        self.ignore_unknown = ignore_unknown
        self.query = {rule.name: rule for rule in rules if rule.location == "query"}
        self.path = {rule.name: rule for rule in rules if rule.location == "path"}
        # What an absent query parameter gets, in the rules' order: the typed query starts as a copy of it, so only
        # the parameters a request gives are read and checked.
        self.absent = {name: None if rule.required else rule.schema.get("default") for name, rule in self.query.items()}
        self.required = [rule for rule in self.query.values() if rule.required]

    def parse(self, query_string: bytes, path_params: Mapping[str, str]) -> ParsedParameters:
        """The typed values of every parameter (defaults filled in), or raise `MockProblem`."""
        issues: list[Issue] = []
        parsed = ParsedParameters({}, self.absent.copy())
        for name, rule in self.path.items():
            raw = path_params.get(name)
            parsed.path[name], found = rule.check(() if raw is None else (raw,))
            issues += found
        occurrences = self.read_query(query_string, issues)
        for name, raws in occurrences.items():
            known = self.query.get(name)
            if known is not None:
                parsed.query[name], found = known.check(raws)
                issues += found
            elif not self.ignore_unknown:
                accepted = ", ".join(self.query) or "none"
                message = f"unknown query parameter {name}; this endpoint accepts: {accepted}"
                issue = Issue("query", echo(name), IssueCode.UNKNOWN_PARAMETER, message, None, tuple(self.query))
                issues.append(issue)
        for rule in self.required:
            if rule.name not in occurrences:
                issues += rule.check(())[1]
        if issues:
            # Each parameter's issues in the order found; the parameters by location (path first), then name.
            issues.sort(key=lambda issue: (issue.location != "path", issue.name))
            summary = "; ".join(issue.message for issue in issues)
            raise MockProblem(Problem(ProblemKind.INVALID_REQUEST, f"Invalid request: {summary}", tuple(issues)))
        return parsed

    @staticmethod
    def read_query(query_string: bytes, issues: list[Issue]) -> dict[str, list[str]]:
        """Each query parameter's raw values, in order, as `parse_qsl` (keeping blank values) reads them."""
        try:
            text = query_string.decode("ascii")
            if "%" in text or "+" in text:
                pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
            else:  # nothing to unquote: parse_qsl's split, without its per-field unquoting
                fields = (field.partition("=") for field in text.split("&") if field)
                pairs = [(name, value) for name, _, value in fields]
        except (UnicodeDecodeError, ValueError):
            issues.append(Issue("query", "", IssueCode.MALFORMED, "the query string is not valid UTF-8 URL-encoding"))
            return {}
        occurrences: dict[str, list[str]] = {}
        for name, value in pairs:
            occurrences.setdefault(name, []).append(value)
        return occurrences


class RuleCache:
    """Compiled rules per operation: Connexion builds a validator per request, the rules are built once."""

    def __init__(self) -> None:
        self._rules: dict[tuple[int, bool], tuple[Sequence[Mapping[str, Any]], ParameterRules]] = {}

    def rules_for(self, parameters: Sequence[Mapping[str, Any]], *, ignore_unknown: bool = False) -> ParameterRules:
        key = (id(parameters), ignore_unknown)
        cached = self._rules.get(key)
        if cached is not None and cached[0] is parameters:
            return cached[1]
        rules = ParameterRules(parameters, ignore_unknown=ignore_unknown)
        self._rules[key] = (parameters, rules)
        return rules
