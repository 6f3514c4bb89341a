"""Run a command in a child process held to limits of memory and CPU time, never of wall-clock time.

A test that shows an input cannot make the engine blow up (an alias bomb, a file of ten
megabytes, nesting a hundred thousand deep) runs the engine here. A version that expanded the
input would run out of the memory allowed, or of the CPU seconds, and fail, however busy the
machine is; a correct one needs a small part of either. A clock would instead fail a correct
version on a loaded machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

# The address space allowed: several times what validating a small tree needs (about 0.2 GiB
# here), and far less than an alias bomb of nine levels expanded (387 million items).
MEMORY_BYTES = 2 << 30
# CPU seconds: the work takes well under one; a version that walked every alias would not stop.
CPU_SECONDS = 60


def run_bounded(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run of ``args`` (a program and its arguments) within the limits; output as text.

    This file is the child: it sets the limits on itself and becomes the command, which keeps
    them (a preexec_fn could deadlock in pytest-xdist's workers, which run threads).
    """
    return subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, **kwargs)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    os.execv(sys.argv[1], sys.argv[1:])
