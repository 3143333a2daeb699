"""Keeping the token out of every output: shell commands name its environment variable, other text masks it.

secret = Secret("b3sk_live_...", "B3OS_TOKEN")
secret.command(["curl", "-H", "Authorization: Bearer b3sk_live_...", "https://x"])
# curl -H "Authorization: Bearer $B3OS_TOKEN" https://x
secret.redact("echoed b3sk_live_...")    # 'echoed [token]'
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_TOKEN_VARIABLE", "MASK", "Secret"]

DEFAULT_TOKEN_VARIABLE = "CONTRACTS_TOKEN"
"""The environment variable the token is read from when neither --token nor --token-env is given."""
MASK = "[token]"
SHORTEST_MASKED_EVERYWHERE = 8
"""A token this long is masked wherever it occurs; a shorter one (a test's `t`) only where it stands alone, or
every `t` of the output would be masked."""
# Characters that keep their special meaning inside double quotes in a POSIX shell.
DOUBLE_QUOTED_SPECIALS = ("\\", '"', "$", "`")


@dataclass(frozen=True)
class Secret:
    """The token of a run (None without one) and the environment variable reproduction commands read it from."""

    value: str | None = None
    variable: str = DEFAULT_TOKEN_VARIABLE

    def __repr__(self) -> str:
        return f"Secret({MASK if self.value else None}, {self.variable!r})"

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the token masked."""
        if not self.value:
            return text
        if len(self.value) >= SHORTEST_MASKED_EVERYWHERE:
            return text.replace(self.value, MASK)
        return re.sub(rf"(?<![A-Za-z0-9]){re.escape(self.value)}(?![A-Za-z0-9])", MASK, text)

    def command(self, arguments: Sequence[str]) -> str:
        """A shell command line of `arguments`, each occurrence of the token replaced by `$VARIABLE`."""
        return " ".join(self.argument(argument) for argument in arguments)

    def argument(self, argument: str) -> str:
        if not self.value or self.value not in argument:
            return shlex.quote(argument)
        pieces = [double_quoted(piece) for piece in argument.split(self.value)]
        # Braces only where a character that could extend the variable's name follows it.
        joined = pieces[0]
        for piece in pieces[1:]:
            reference = f"${{{self.variable}}}" if piece[:1].isalnum() or piece[:1] == "_" else f"${self.variable}"
            joined += reference + piece
        return f'"{joined}"'

    def shell_line(self, line: str) -> str:
        """A shell command line written by someone else, re-quoted so that it reads the token from `$VARIABLE`."""
        if not self.value or self.value not in line:
            return line
        try:
            arguments = shlex.split(line.replace("\\\n", " "))
        except ValueError:
            return self.redact(line)
        return self.command(arguments)


def double_quoted(text: str) -> str:
    for special in DOUBLE_QUOTED_SPECIALS:
        text = text.replace(special, "\\" + special)
    return text
