"""Whatever the learner's code does, a grading run ends, cleans up and stays within memory."""

import os
import time
from pathlib import Path

from conftest import results, write_notebook

ADD = "def add(a, b):\n    return a + b"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()  # a zombie is as good as gone
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_processes_started_with_setsid_or_a_double_fork_are_ended(tmp_path, grade_fixture):
    pids = tmp_path / "pids"
    escape = (
        "import os, subprocess\n"
        "a = subprocess.Popen(['setsid', 'sleep', '300']).pid\n"
        "if os.fork() == 0:\n"
        "    if os.fork() == 0:\n"
        "        import time; time.sleep(300)\n"
        "    os._exit(0)\n"
        "os.wait()\n"
        f"open({str(pids)!r}, 'w').write(str(a))\n"
    )
    grade_fixture(write_notebook(tmp_path / "escape.ipynb", [escape, ADD]))
    setsid_child = int(pids.read_text())
    time.sleep(0.5)
    assert not alive(setsid_child)
    sleepers = [p for p in os.listdir("/proc") if p.isdigit() and _is_sleep_300(p)]
    assert sleepers == [], "a double-forked sleeper outlived the grade"


def _is_sleep_300(pid: str) -> bool:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return False
    return "sleep(300)" in cmd or cmd.replace("\0", " ").strip() == "sleep 300"


def test_a_runaway_allocation_is_stopped_at_the_memory_cap(tmp_path, grade_fixture):
    hog = "blob = bytearray(8 * 2**30)\n" + ADD
    run = grade_fixture(write_notebook(tmp_path / "hog.ipynb", [hog, ADD]), "--memory=2")
    assert "MemoryError: used more than 2 GiB of memory (the grading cap, --memory)" in run.output
    assert set(results(tmp_path)[-1]["tests"].values()) == {"passed"}  # the next cell still ran


def test_a_stopped_kernel_is_replaced_and_the_run_finishes(tmp_path, grade_fixture):
    stop = "import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)"
    start = time.monotonic()
    run = grade_fixture(write_notebook(tmp_path / "stop.ipynb", [stop, ADD]), cell_timeout=1)
    assert time.monotonic() - start < 60, run.output
    assert "wall-clock safety net" in run.output
    assert set(results(tmp_path)[-1]["tests"].values()) == {"passed"}


def test_a_stopped_grader_is_ended_at_the_overall_deadline(tmp_path, grade_fixture):
    stop = "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)"
    start = time.monotonic()
    run = grade_fixture(write_notebook(tmp_path / "freeze.ipynb", [stop, ADD]), "--run-timeout=8")
    assert time.monotonic() - start < 40, run.output
    assert "stopped after 8 s, the overall deadline" in run.output
