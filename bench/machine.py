"""How busy other processes kept the machine during a run, which lowers and scatters every figure taken."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path


def busy_cpu_seconds() -> float:
    """CPU seconds that processes spent since boot (user, nice, system). Interrupt work is left out: it is not
    charged to any process, so it could not be told apart from the loopback traffic of the run itself."""
    user, nice, system = (int(value) for value in Path("/proc/stat").read_text().split()[1:4])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for (the servers under test, wrk)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass
class OtherLoad:
    began: float = field(default_factory=time.monotonic)
    busy: float = field(default_factory=busy_cpu_seconds)
    own: float = field(default_factory=own_cpu_seconds)

    def share(self) -> float:
        """The fraction of all CPUs that other processes used since this was created."""
        elapsed = (time.monotonic() - self.began) * (os.cpu_count() or 1)
        others = (busy_cpu_seconds() - self.busy) - (own_cpu_seconds() - self.own)
        return min(1.0, max(0.0, others / elapsed)) if elapsed > 0 else 0.0
