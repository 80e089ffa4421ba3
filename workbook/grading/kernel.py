"""Run cells in a Jupyter kernel with a per-cell timeout, a notebook budget and quick death checks."""

import time
from dataclasses import dataclass
from queue import Empty

from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

POLL_SECONDS = 0.2  # how often a silent kernel is checked for death
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

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def needs_new_kernel(self) -> bool:
        return self.status in ("stuck", "died")


class NotebookKernel:
    """One kernel of the current environment, started in the notebook's folder."""

    def __init__(self, cwd: str, cell_timeout: float, notebook_timeout: float, startup_timeout=60):
        self.cwd, self.startup_timeout = cwd, startup_timeout
        self.cell_timeout = cell_timeout
        self.deadline = time.monotonic() + notebook_timeout
        self.notebook_timeout = notebook_timeout
        self.kernel = self._start()

    def _start(self) -> RunningKernel:
        return RunningKernel(
            CURRENT_ENV_KERNEL_NAME, cwd=self.cwd, startup_timeout=self.startup_timeout
        )

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

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
                f"not run: the notebook's {self.notebook_timeout:g} s budget is used up",
            )
        start = time.monotonic()
        run = self._collect(
            self.kernel.kc.execute(
                source, store_history=True, allow_stdin=False, stop_on_error=False
            ),
            start + budget,
        )
        run.seconds = time.monotonic() - start
        if run.status == "timeout":
            run.ename, run.evalue = (
                "Timeout",
                f"still running after {budget:g} s, so it was interrupted",
            )
        elif run.status == "stuck":
            run.ename, run.evalue = (
                "Timeout",
                (
                    f"still running after {budget:g} s and it ignored the interrupt, so the kernel was restarted"
                ),
            )
        elif run.status == "died":
            run.ename, run.evalue = (
                "KernelDied",
                (
                    "the kernel died while running this cell (os._exit, a crash or running out of memory)"
                ),
            )
        return run

    def _collect(self, msg_id: str, deadline: float) -> CellRun:
        run, output, interrupted_at = CellRun("ok"), [], None
        while True:
            now = time.monotonic()
            if interrupted_at is None and now > deadline:
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
