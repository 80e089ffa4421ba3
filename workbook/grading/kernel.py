"""Run cells in a Jupyter kernel with CPU-time limits, a wall-clock safety net and death checks.

Limits count the kernel's CPU time (with the children it waited for), so a busy machine that
slows every process down does not turn a correct answer into a timeout. The wall clock is only
a safety net for cells that wait instead of computing (sleep, input, a blocked lock).
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

WALL_FACTOR = 6  # the wall-clock safety net, as a multiple of the CPU limit
POLL_SECONDS = 0.2  # how often a silent kernel is checked for death and CPU use
INTERRUPT_GRACE_SECONDS = 2.0  # how long an interrupted cell may take to stop
OUTPUT_LIMIT = 20_000  # characters of a cell's printed output kept for reports


@dataclass
class CellRun:
    """What happened when one cell ran."""

    status: str  # ok | error | timeout | stuck | died | skipped
    ename: str = ""
    evalue: str = ""
    output: str = ""
    execution_count: int | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    wall_limited: bool = False  # stopped by the wall-clock safety net, not the CPU limit

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def needs_new_kernel(self) -> bool:
        return self.status in ("stuck", "died")


class NotebookKernel:
    """One kernel of the current environment, started in the notebook's folder."""

    def __init__(
        self,
        cwd: str,
        cell_timeout: float,
        notebook_timeout: float,
        startup_timeout=60,
        prelude: str = "",
    ):
        self.cwd, self.startup_timeout, self.prelude = cwd, startup_timeout, prelude
        self.cell_timeout = cell_timeout
        self.notebook_timeout = notebook_timeout
        self.wall_deadline = time.monotonic() + WALL_FACTOR * notebook_timeout
        self.cpu_spent = 0.0  # by every cell so far, across kernel restarts
        self.kernel = self._start()

    def _start(self) -> RunningKernel:
        """A fresh kernel that has run the prelude (the grader's own set-up, not the learner's)."""
        kernel = RunningKernel(
            CURRENT_ENV_KERNEL_NAME, cwd=self.cwd, startup_timeout=self.startup_timeout
        )
        if self.prelude:
            kernel.kc.execute_interactive(self.prelude, store_history=False, timeout=30)
        return kernel

    def remaining(self) -> float:
        """CPU seconds left in the notebook's budget (0 once the wall-clock net is reached)."""
        if time.monotonic() >= self.wall_deadline:
            return 0.0
        return self.notebook_timeout - self.cpu_spent

    def cpu_time(self) -> float:
        """CPU seconds the kernel process and its waited-for children have used (Linux)."""
        pid = getattr(getattr(self.kernel.km, "provisioner", None), "pid", None)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
        except (OSError, IndexError, TypeError):
            return 0.0
        return sum(int(t) for t in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def replace(self) -> None:
        """Stop a dead or stuck kernel and start a fresh one."""
        self.stop()
        self.kernel = self._start()

    def stop(self) -> None:
        try:
            self.kernel.kc.stop_channels()
            self.kernel.km.shutdown_kernel(now=True)
        except Exception:  # a dead kernel may refuse a polite shutdown; nothing is left to do
            pass

    def run(self, source: str) -> CellRun:
        """Execute one cell and wait for it within the cell timeout and the notebook budget."""
        budget = min(self.cell_timeout, self.remaining())
        if budget <= 0:
            return CellRun(
                "skipped",
                "Timeout",
                f"not run: the notebook's budget ({self.notebook_timeout:g} s of CPU, "
                f"--notebook-timeout) is used up",
            )
        start, cpu_start = time.monotonic(), self.cpu_time()
        wall = min(WALL_FACTOR * budget, self.wall_deadline - start)
        msg_id = self.kernel.kc.execute(
            source, store_history=True, allow_stdin=False, stop_on_error=False
        )
        run = self._collect(msg_id, cpu_start + budget, start + wall)
        run.seconds = time.monotonic() - start
        run.cpu_seconds = max(0.0, self.cpu_time() - cpu_start)
        self.cpu_spent += run.cpu_seconds
        if run.status in ("timeout", "stuck"):
            run.ename, run.evalue = "Timeout", self._timeout_reason(run, budget, wall)
        elif run.status == "died":
            run.ename, run.evalue = (
                "KernelDied",
                (
                    "the kernel died while running this cell (os._exit, a crash, or the "
                    "memory cap of --memory)"
                ),
            )
        return run

    def _timeout_reason(self, run: CellRun, budget: float, wall: float) -> str:
        stopped = (
            "it ignored the interrupt, so the kernel was restarted"
            if run.status == "stuck"
            else "so it was interrupted"
        )
        if run.wall_limited:
            return (
                f"still running after {wall:g} s of wall-clock time while using only "
                f"{run.cpu_seconds:.1f} s of CPU; {stopped}. This is the wall-clock safety net: "
                "is the code waiting (sleep, input(), a lock) rather than computing?"
            )
        return (
            f"used more than {budget:g} s of CPU time (the per-cell limit, --cell-timeout); "
            f"{stopped}. Look for a loop that never ends or far more work than the input needs."
        )

    def _collect(self, msg_id: str, cpu_deadline: float, wall_deadline: float) -> CellRun:
        run, output, interrupted_at = CellRun("ok"), [], None
        while True:
            now = time.monotonic()
            if interrupted_at is None and (now > wall_deadline or self.cpu_time() > cpu_deadline):
                run.wall_limited = now > wall_deadline
                self.kernel.interrupt()
                interrupted_at = now
            elif interrupted_at is not None and now > interrupted_at + INTERRUPT_GRACE_SECONDS:
                run.status = "stuck"
                return run
            try:
                msg = self.kernel.kc.get_iopub_msg(timeout=POLL_SECONDS)
            except Empty:
                if not self.kernel.km.is_alive():
                    run.status = "died"
                    return run
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and sum(map(len, output)) < OUTPUT_LIMIT:
                output.append(content["text"])
            elif kind == "execute_input":
                run.execution_count = content.get("execution_count")
            elif kind == "error":
                run.status = "error"
                run.ename, run.evalue = content["ename"], content["evalue"]
            elif kind == "status" and content["execution_state"] == "idle":
                break
        run.output = "".join(output)[:OUTPUT_LIMIT]
        if interrupted_at is not None:
            run.status = "timeout"
        return run
