"""Plausible wrong answers to audio_buffering/07_start_decision, each breaking one contract clause."""

GOOD = 'import numpy as np\n\nEPS = 1e-9\n\n\ndef check_levels(grid: np.ndarray) -> None:\n    """ValueError unless levels is a non-empty, strictly increasing 1-D list of finite kbps >= 0."""\n    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or grid[0] < 0 or np.any(np.diff(grid) <= 0):\n        raise ValueError(f"levels must be finite, >= 0 and strictly increasing: got {grid.tolist()}")\n\n\ndef fit_markov_chain(samples_kbps, levels) -> np.ndarray:\n    """Transition matrix of the throughput chain: samples snapped to the nearest level."""\n    grid = np.asarray(levels, dtype=float)\n    samples = np.asarray(samples_kbps, dtype=float)\n    check_levels(grid)\n    if samples.ndim != 1 or samples.size < 2 or not np.all(np.isfinite(samples) & (samples >= 0)):\n        raise ValueError("samples_kbps needs at least 2 finite values >= 0")\n    k = grid.size\n    # nearest level, ties to the lower one: the first level whose upper midpoint is >= x\n    states = np.searchsorted((grid[:-1] + grid[1:]) / 2, samples, side="left")\n    counts = np.bincount(states[:-1] * k + states[1:], minlength=k * k).reshape(k, k)\n    matrix = counts.astype(float)\n    totals = matrix.sum(axis=1)\n    never_left = totals == 0\n    matrix[never_left, never_left] = 1.0  # a state never left stays where it is\n    totals[never_left] = 1.0\n    return matrix / totals[:, None]\n\n\ndef stall_probability(\n    matrix, levels, start_state: int, buffered_s: float, remaining_s: float,\n    bitrate_kbps: float, n_sims: int, rng: np.random.Generator,\n) -> float:\n    """Share of n_sims simulated futures in which playback, started now, stalls."""\n    grid = np.asarray(levels, dtype=float)\n    chain = np.asarray(matrix, dtype=float)\n    check_levels(grid)\n    k = grid.size\n    if chain.shape != (k, k) or np.any(chain < 0) or not np.allclose(chain.sum(axis=1), 1.0, rtol=0, atol=1e-9):\n        raise ValueError(f"matrix must be {k}x{k}, >= 0, rows summing to 1")\n    if isinstance(start_state, bool) or not isinstance(start_state, (int, np.integer)) or not 0 <= start_state < k:\n        raise ValueError(f"start_state must be an int in [0, {k}): got {start_state!r}")\n    if not (buffered_s >= 0 and remaining_s >= 0 and bitrate_kbps > 0):\n        raise ValueError(f"need buffered_s >= 0, remaining_s >= 0, bitrate_kbps > 0: got {buffered_s}, {remaining_s}, {bitrate_kbps}")\n    if isinstance(n_sims, bool) or not isinstance(n_sims, (int, np.integer)) or n_sims < 1:\n        raise ValueError(f"n_sims must be an int >= 1: got {n_sims!r}")\n    cumulative = np.cumsum(chain, axis=1)\n    cumulative[:, -1] = 1.0  # no state past the last one, whatever the rounding\n    seconds_per_second = grid / bitrate_kbps  # kbit/s over kbit per second of audio\n    state = np.full(n_sims, start_state)\n    buffer = np.full(n_sims, float(buffered_s))\n    left = np.full(n_sims, float(remaining_s))  # audio still to download\n    running = left > EPS  # a run ends when its track is downloaded or it stalls\n    stalled = np.zeros(n_sims, dtype=bool)\n    while running.any():\n        u = rng.random(n_sims)\n        state = (u[:, None] >= cumulative[state]).sum(axis=1)  # step the chain first\n        got = np.minimum(seconds_per_second[state], left)\n        left = np.where(running, left - got, left)\n        buffer = np.where(running, buffer + got, buffer)\n        done = running & (left <= EPS)\n        stall = running & ~done & (buffer < 1.0 - EPS)\n        stalled |= stall\n        running &= ~(done | stall)\n        buffer -= 1.0\n    return float(stalled.sum() / n_sims)\n\n\ndef start_now(\n    samples_kbps, levels, buffered_s: float, remaining_s: float, bitrate_kbps: float,\n    p: float, n_sims: int = 1000, seed: int = 0,\n) -> bool:\n    """Start playback now if the simulated stall probability is at most p."""\n    if not 0 <= p <= 1:\n        raise ValueError(f"p must be in [0, 1]: got {p}")\n    matrix = fit_markov_chain(samples_kbps, levels)\n    grid = np.asarray(levels, dtype=float)\n    last = float(np.asarray(samples_kbps, dtype=float)[-1])\n    start_state = int(np.searchsorted((grid[:-1] + grid[1:]) / 2, last, side="left"))\n    rng = np.random.default_rng(seed)\n    risk = stall_probability(matrix, levels, start_state, buffered_s, remaining_s, bitrate_kbps, n_sims, rng)\n    return bool(risk <= p)\n'


def patch(old: str, new: str) -> str:
    """GOOD with `old` (which must occur) replaced by `new`."""
    assert old in GOOD, old
    return GOOD.replace(old, new)


MUTANTS = {
    "rows_not_normalised": (
        "fit",
        patch("    return matrix / totals[:, None]\n", "    return matrix\n"),
    ),
    "normalises_columns": (
        "fit",
        patch(
            "    return matrix / totals[:, None]\n",
            "    return matrix / matrix.sum(axis=0, keepdims=True).clip(min=1)\n",
        ),
    ),
    "counts_transitions_backwards": (
        "fit",
        patch("states[:-1] * k + states[1:]", "states[1:] * k + states[:-1]"),
    ),
    "empty_rows_left_at_zero": (
        "fit",
        patch(
            "    matrix[never_left, never_left] = 1.0  # a state never left stays where it is\n", ""
        ),
    ),
    "empty_rows_uniform": (
        "fit",
        patch(
            "    matrix[never_left, never_left] = 1.0  # a state never left stays where it is\n",
            "    matrix[never_left] = 1.0 / k\n    totals[never_left] = 1.0\n",
        ),
    ),
    "integer_counts_returned": (
        "fit",
        patch(
            "    return matrix / totals[:, None]\n",
            "    return (matrix / totals[:, None]) if not np.all(matrix == matrix.round()) else matrix.astype(int)\n",
        ),
    ),
    "ties_to_the_upper_level": (
        "nearest",
        patch(
            'states = np.searchsorted((grid[:-1] + grid[1:]) / 2, samples, side="left")',
            'states = np.searchsorted((grid[:-1] + grid[1:]) / 2, samples, side="right")',
        ),
    ),
    "floor_to_level_below": (
        "nearest",
        patch(
            'states = np.searchsorted((grid[:-1] + grid[1:]) / 2, samples, side="left")',
            'states = np.clip(np.searchsorted(grid, samples, side="right") - 1, 0, k - 1)',
        ),
    ),
    "first_second_at_the_start_level": (
        "step",
        patch(
            "        u = rng.random(n_sims)\n        state = (u[:, None] >= cumulative[state]).sum(axis=1)  # step the chain first\n        got = np.minimum(seconds_per_second[state], left)\n",
            "        got = np.minimum(seconds_per_second[state], left)\n        u = rng.random(n_sims)\n        state = (u[:, None] >= cumulative[state]).sum(axis=1)\n",
        ),
    ),
    "bytes_not_bits": (
        "step",
        patch(
            "seconds_per_second = grid / bitrate_kbps",
            "seconds_per_second = grid / 8 / bitrate_kbps",
        ),
    ),
    "kibibits_throughput": (
        "step",
        patch(
            "seconds_per_second = grid / bitrate_kbps",
            "seconds_per_second = grid * 1000 / 1024 / bitrate_kbps",
        ),
    ),
    "no_eps_on_the_buffer": ("stall", patch("(buffer < 1.0 - EPS)", "(buffer < 1.0)")),
    "stalls_only_on_an_empty_buffer": ("stall", patch("(buffer < 1.0 - EPS)", "(buffer <= EPS)")),
    "can_stall_after_download_done": (
        "stall",
        patch(
            "stall = running & ~done & (buffer < 1.0 - EPS)",
            "stall = running & (buffer < 1.0 - EPS)",
        ),
    ),
    "plays_before_downloading": (
        "stall",
        patch(
            "        stall = running & ~done & (buffer < 1.0 - EPS)",
            "        stall = running & ~done & (buffer - got < 1.0 - EPS)",
        ),
    ),
    "returns_numpy_float": (
        "estimate",
        patch("    return float(stalled.sum() / n_sims)\n", "    return stalled.mean()\n"),
    ),
    "ignores_the_given_rng": (
        "estimate",
        patch(
            "        u = rng.random(n_sims)\n",
            "        u = np.random.default_rng().random(n_sims)\n",
        ),
    ),
    "inverted_cumulative_pick": (
        "estimate",
        patch(
            "state = (u[:, None] >= cumulative[state]).sum(axis=1)",
            "state = np.minimum((u[:, None] < cumulative[state]).sum(axis=1), k - 1)",
        ),
    ),
    "strictly_less_than_p": (
        "decision",
        patch("    return bool(risk <= p)\n", "    return bool(risk < p)\n"),
    ),
    "returns_numpy_bool": (
        "decision",
        patch("    return bool(risk <= p)\n", "    return np.bool_(risk <= p)\n"),
    ),
    "starts_from_the_first_sample": (
        "decision",
        patch(
            "last = float(np.asarray(samples_kbps, dtype=float)[-1])",
            "last = float(np.asarray(samples_kbps, dtype=float)[0])",
        ),
    ),
    "starts_from_the_most_common_state": (
        "decision",
        patch(
            '    start_state = int(np.searchsorted((grid[:-1] + grid[1:]) / 2, last, side="left"))\n',
            "    start_state = int(np.argmax(np.diag(matrix)))\n",
        ),
    ),
    "no_p_validation": (
        "errors",
        patch(
            '    if not 0 <= p <= 1:\n        raise ValueError(f"p must be in [0, 1]: got {p}")\n',
            "",
        ),
    ),
    "no_row_sum_check": (
        "errors",
        patch(" or not np.allclose(chain.sum(axis=1), 1.0, rtol=0, atol=1e-9)", ""),
    ),
    "accepts_float_start_state": (
        "errors",
        patch(
            "if isinstance(start_state, bool) or not isinstance(start_state, (int, np.integer)) or not 0 <= start_state < k:",
            "if not 0 <= start_state < k:",
        ),
    ),
    "accepts_one_sample": ("errors", patch("samples.size < 2", "samples.size < 1")),
    "allows_equal_levels": (
        "errors",
        patch("np.any(np.diff(grid) <= 0)", "np.any(np.diff(grid) < 0)"),
    ),
    "accepts_fractional_n_sims": (
        "errors",
        patch(
            "if isinstance(n_sims, bool) or not isinstance(n_sims, (int, np.integer)) or n_sims < 1:",
            "if n_sims < 1:",
        ),
    ),
    "sorts_samples_in_place": (
        "inputs",
        patch(
            "    samples = np.asarray(samples_kbps, dtype=float)\n",
            "    samples = np.asarray(samples_kbps, dtype=float)\n    if isinstance(samples_kbps, np.ndarray):\n        samples_kbps.sort()\n",
        ),
    ),
    "normalises_matrix_in_place": (
        "inputs",
        patch(
            "    chain = np.asarray(matrix, dtype=float)\n",
            "    chain = np.asarray(matrix, dtype=float)\n    if isinstance(matrix, np.ndarray):\n        matrix /= matrix.sum(axis=1, keepdims=True)\n        matrix[0, 0] += 0.0 if matrix.shape[0] < 2 else 1e-3\n",
        ),
    ),
    "python_loop_fit": (
        "scale",
        patch(
            "    counts = np.bincount(states[:-1] * k + states[1:], minlength=k * k).reshape(k, k)\n",
            "    counts = np.zeros((k, k), dtype=int)\n    for a, b in zip(states[:-1].tolist(), states[1:].tolist()):\n        counts[a, b] += 1\n",
        ),
    ),
    "python_loop_per_run": (
        "scale",
        patch(
            "    while running.any():\n",
            "    for run in range(n_sims):\n        s, b, rest = start_state, float(buffered_s), float(remaining_s)\n        while rest > EPS:\n            s = int((rng.random() >= cumulative[s]).sum())\n            g = min(seconds_per_second[s], rest)\n            rest, b = rest - g, b + g\n            if rest > EPS and b < 1.0 - EPS:\n                stalled[run] = True\n                break\n            b -= 1.0\n    running[:] = False\n    while running.any():\n",
        ),
    ),
}
