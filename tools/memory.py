"""The peak resident memory of running processes (a kernel and its children), on every system.

Used by tests/test_browser.py (through tests/jupyter_support.py) and tools/local_hub.py, which watch
a kernel from outside. (tools/run_notebooks.py measures from inside the kernel instead: see its
``PEAK_MEMORY_PROBE``.)

What each system offers for another process:

* Linux keeps a high-water mark of each process's resident set, ``VmHWM`` in ``/proc/PID/status``,
  counted since the process started its program: exact, whenever the peak happened.
* Windows keeps one too, the peak working set (psutil's ``memory_info().peak_wset``).
* macOS (and other systems) keep none that another process can read: psutil gives only the current
  resident size. There :class:`PeakMemory` reports the largest total it saw in its ``sample`` calls,
  a lower bound: a spike between two samples is missed. Callers sample while the work runs.

psutil is a test requirement (requirements-test.txt), imported only when a function here runs.
"""
import os
import re
import sys
from pathlib import Path

# Linux and Windows record a high-water mark per process; macOS and the rest do not.
RECORDS_PEAKS = sys.platform.startswith("linux") or os.name == "nt"
_VMHWM = re.compile(r"^VmHWM:\s+(\d+) kB", re.M)


def high_water_mark(process):
    """Return the peak resident bytes the system recorded for ``process`` (psutil), or None.

    None where the system keeps no such mark (macOS) or the process is gone.
    """
    import psutil
    if sys.platform.startswith("linux"):
        try:
            match = _VMHWM.search(Path(f"/proc/{process.pid}/status").read_text())
        except OSError:
            return None
        return int(match.group(1)) * 1024 if match else None
    try:
        return getattr(process.memory_info(), "peak_wset", None)                     # Windows
    except psutil.Error:
        return None


def resident(process) -> int:
    """Return the resident bytes of ``process`` now (0 if it is gone)."""
    import psutil
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


class PeakMemory:
    """The peak memory of a group of processes: where the system records one, the sum of their
    high-water marks; elsewhere the largest sum of resident sizes that :meth:`sample` saw.

    The sum of high-water marks is an upper bound for the group (each process's own peak, exact,
    though they may have peaked at different times, and pages a forked child shares with its
    parent count in both); the sampled sum is a lower bound. :attr:`method` says which one
    :meth:`peak` gave, for reports.
    """

    def __init__(self):
        self.sampled = 0
        self.method = "high-water marks" if RECORDS_PEAKS else "largest sampled resident size"

    def sample(self, processes) -> None:
        """Record the current total resident size of ``processes`` (what :meth:`peak` falls back on)."""
        self.sampled = max(self.sampled, sum(resident(p) for p in processes))

    def peak(self, processes) -> int:
        """Return the group's peak in bytes (see the class's description); 0 if nothing was measured.

        Processes that have exited are left out where high-water marks are read: their mark is gone.
        """
        if RECORDS_PEAKS:
            return sum(mark for mark in map(high_water_mark, processes) if mark is not None)
        self.sample(processes)
        return self.sampled
