"""The parts of nbval 0.11 the grader builds on still exist (an upgrade that moves them fails here)."""

import inspect

from nbval import plugin
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel


def test_nbval_collector_and_kernel_api_are_where_the_grader_expects():
    assert {"collect", "setup", "teardown"} <= set(vars(plugin.IPyNbFile))
    for method in ("interrupt", "is_alive", "stop", "get_message"):
        assert callable(getattr(RunningKernel, method))
    assert CURRENT_ENV_KERNEL_NAME == ":nbval-parent-env"
    assert list(inspect.signature(RunningKernel.__init__).parameters)[1:] == [
        "kernel_name",
        "cwd",
        "startup_timeout",
    ]
