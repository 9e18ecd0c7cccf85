"""tools/memory.py: the peak memory of another process, which the browser test holds to the limit."""
import subprocess
import sys

import psutil

from tools.memory import RECORDS_PEAKS, PeakMemory, resident

BLOCK = 200_000_000            # bytes the child holds, then frees
CHILD = f"""
import sys
block = b"x" * {BLOCK}
print("holding", flush=True)
sys.stdin.readline()
del block
print("freed", flush=True)
sys.stdin.readline()
"""


def test_the_peak_of_a_process_counts_a_block_it_has_freed_and_not_its_launcher(tmp_path):
    """A high-water mark where the system keeps one (Linux, Windows), else the largest sample: either
    way the freed block counts, and the memory of this process, which started the child, does not."""
    ballast = b"x" * BLOCK                                      # held by the launcher meanwhile
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        process, memory = psutil.Process(child.pid), PeakMemory()
        assert child.stdout.readline() == "holding\n"
        memory.sample([process])                                # what a caller does while work runs
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline() == "freed\n"
        now, peak = resident(process), memory.peak([process])
    finally:
        child.communicate("\n", timeout=30)
    assert len(ballast) == BLOCK
    assert now < BLOCK / 2, f"the child still holds {now / 1e6:.0f} MB: the test cannot tell a peak from now"
    assert BLOCK < peak < BLOCK + 100e6, f"peak {peak / 1e6:.0f} MB for a child that held {BLOCK / 1e6:.0f} MB"
    assert memory.method == ("high-water marks" if RECORDS_PEAKS else "largest sampled resident size")


def test_a_process_that_has_exited_counts_nothing():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    process = psutil.Process(child.pid)
    child.wait()
    assert resident(process) == 0 and PeakMemory().peak([process]) == 0
