"""Hidden tests for cold_start/10_design_discover_weekly: estimates, a simulation of the Monday
batch (LPT scheduling of skewed partitions), and the last step of the list: filter what was
heard, then give the editors their quota."""

import heapq
import itertools
import math
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TENTH_OF_A_PERCENT = Tolerance(rel=1e-3, abs=0.0)
EXAMPLE = [5, 3, 3, 2, 2, 1]
HOUR = 3_600


def lpt_brute_force(sizes, workers):
    """The rule as stated, with a linear scan for the least-loaded worker (no heap)."""
    loads = [0] * workers
    assignment = [None] * len(sizes)
    for i in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        best = 0
        for w in range(1, workers):
            if loads[w] < loads[best]:
                best = w
        loads[best] += sizes[i]
        assignment[i] = best
    return max(loads), assignment


def optimal_makespan(sizes, workers):
    """Best possible makespan over every assignment (tiny inputs only)."""
    best = sum(sizes)
    for assignment in itertools.product(range(workers), repeat=len(sizes)):
        loads = [0] * workers
        for size, w in zip(sizes, assignment, strict=True):
            loads[w] += size
        best = min(best, max(loads))
    return best


def min_workers_linear_scan(sizes, capacity):
    if sizes and max(sizes) > capacity:
        return None
    workers = 1
    while lpt_brute_force(sizes, workers)[0] > capacity:
        workers += 1
    return workers


def assemble_brute_force(candidates, heard, editorial, size, max_editorial):
    """Slot by slot: editorial picks first (quota), then candidates, never heard, never twice."""
    quota = min(size, max_editorial)
    chosen_editorial = []
    for track in editorial:
        if len(chosen_editorial) == quota:
            break
        if track in heard or track in chosen_editorial:
            continue
        chosen_editorial.append(track)
    chosen_algorithmic = []
    for track in candidates:
        if len(chosen_algorithmic) + len(chosen_editorial) == size:
            break
        if track in heard or track in chosen_editorial or track in chosen_algorithmic:
            continue
        chosen_algorithmic.append(track)
    return chosen_algorithmic + chosen_editorial


def monday_partitions(users, partitions, sigma, seed):
    rng = np.random.default_rng(seed)
    weights = rng.lognormal(mean=0.0, sigma=sigma, size=partitions)
    exact = weights / weights.sum() * users
    sizes = np.floor(exact).astype(np.int64)
    short = users - int(sizes.sum())
    sizes[np.argsort(-(exact - sizes), kind="stable")[:short]] += 1
    return sizes


# --- Part 1: estimates -----------------------------------------------------------------------


@pins("decimal_units", "estimate_formulas")
def test_600_million_lists_of_30_ids_are_396_gb():
    assert_returns(3.96e11, list_storage_bytes, 600_000_000, tol=TENTH_OF_A_PERCENT)
    assert_returns(3.96e11, list_storage_bytes, 600_000_000, 30, 22, 1, tol=Tolerance(rel=1e-9))
    assert_returns(1.188e12, list_storage_bytes, 600_000_000, replicas=3, tol=TENTH_OF_A_PERCENT)
    # 16-byte integer ids instead of 22-character strings
    assert_returns(2.88e11, list_storage_bytes, 600_000_000, 30, 16, tol=TENTH_OF_A_PERCENT)


@pins("estimate_formulas")
def test_every_storage_parameter_scales_the_answer():
    assert_returns(660.0, list_storage_bytes, 1, 30, 22, 1)
    assert_returns(1_320.0, list_storage_bytes, 2, 30, 22, 1)
    assert_returns(1_100.0, list_storage_bytes, 1, 50, 22, 1)
    assert_returns(480.0, list_storage_bytes, 1, 30, 16, 1)
    assert_returns(1_980.0, list_storage_bytes, 1, 30, 22, 3)
    assert_returns(0.0, list_storage_bytes, 0)


@pins("estimate_formulas")
def test_scoring_work_and_monday_peak_reads():
    assert_returns(1.536e14, scoring_multiply_adds, 600_000_000, 2_000, 128, tol=TENTH_OF_A_PERCENT)
    assert_returns(24.0, scoring_multiply_adds, 2, 3, 4)
    assert_returns(0.0, scoring_multiply_adds, 5, 0, 128)
    assert_returns(13_888.888_9, peak_read_qps, 600_000_000, 0.5, 86_400, 4, tol=TENTH_OF_A_PERCENT)
    assert_returns(6.0, peak_read_qps, 10, 3, 10, 2)
    assert_returns(2.5, peak_read_qps, 10, 1, 4, 1)
    assert_returns(0.0, peak_read_qps, 0, 1, 4, 1)


@pins("estimate_types")
def test_estimates_are_python_floats_and_ints():
    for call, value, kind in (
        ("list_storage_bytes(1, 30, 22, 1)", list_storage_bytes(1, 30, 22, 1), float),
        ("scoring_multiply_adds(2, 3, 4)", scoring_multiply_adds(2, 3, 4), float),
        ("peak_read_qps(10, 3, 10, 2)", peak_read_qps(10, 3, 10, 2), float),
        ("workers_for_deadline(100, 1, 10)", workers_for_deadline(100, 1, 10), int),
        (
            "workers_for_deadline(6e8, 1e6 / 3600, 21600.0)",
            workers_for_deadline(6e8, 1e6 / 3600, 21600.0),
            int,
        ),
    ):
        assert_type(value, kind, call)


@pins("workers_round_up")
def test_workers_round_up_and_no_work_needs_none():
    assert_returns(100, workers_for_deadline, 6e8, 1e6 / HOUR, 6 * HOUR)
    assert_returns(101, workers_for_deadline, 6.0001e8, 1e6 / HOUR, 6 * HOUR)
    assert_returns(1, workers_for_deadline, 1.0, 1e6 / HOUR, 6 * HOUR)
    assert_returns(0, workers_for_deadline, 0, 1e6 / HOUR, 6 * HOUR)
    # the scoring alone: 1.536e14 multiply-adds at 1e10/s in 6 h is 0.71 of a worker
    assert_returns(1, workers_for_deadline, 1.536e14, 1e10, 6 * HOUR)
    assert_returns(3, workers_for_deadline, 21, 1, 10)
    assert_returns(2, workers_for_deadline, 20, 1, 10)


@pins("workers_round_up")
def test_an_exact_quotient_adds_no_spare_worker_however_floats_round():
    # whole numbers of workers that floating point turns into n.00000000000001 or
    # n.99999999999999, depending on the order of the division
    for work, users_per_hour, hours, expected in (
        (3.9e8, 1.3e6, 3, 100),
        (3.9e8, 1.3e6, 6, 50),
        (6.5e8, 1.3e6, 5, 100),
        (6.5e8, 1.3e6, 1, 500),
        (1.9e8, 1.9e6, 1, 100),
        (5.7e8, 1.9e6, 3, 100),
    ):
        assert_returns(expected, workers_for_deadline, work, users_per_hour / HOUR, hours * HOUR)
    assert_returns(10_000, workers_for_deadline, 4.9e12, 7e8, 0.7)
    assert_returns(101, workers_for_deadline, 6e8 * (1 + 1e-7), 1e6 / HOUR, 6 * HOUR)


@pins("workers_round_up")
@derandomized(max_examples=40)
@given(
    work_m=st.integers(0, 10**6),
    rate_k=st.integers(1, 5_000),
    deadline_tenths=st.integers(1, 100_000),
)
def test_workers_match_exact_rational_arithmetic(work_m, rate_k, deadline_tenths):
    work, rate, deadline = work_m * 1e6, rate_k * 1e3, deadline_tenths / 10
    q = Fraction(work_m * 10**6) / (Fraction(rate_k * 10**3) * Fraction(deadline_tenths, 10))
    nearest = round(q)
    expected = nearest if abs(q - nearest) <= q / 10**9 else math.ceil(q)
    assert_returns(expected, workers_for_deadline, work, rate, deadline)


@pins("estimate_errors")
def test_impossible_estimates_raise_value_error_naming_the_parameter():
    for fn, args, name, value in (
        (list_storage_bytes, (-1, 30, 22, 1), "users", "-1"),
        (list_storage_bytes, (10, -30, 22, 1), "tracks_per_list", "-30"),
        (list_storage_bytes, (10, 30, 0, 1), "bytes_per_id", "0"),
        (list_storage_bytes, (10, 30, -22, 1), "bytes_per_id", "-22"),
        (list_storage_bytes, (10, 30, 22, 0), "replicas", "0"),
        (scoring_multiply_adds, (-5, 10, 10), "users", "-5"),
        (scoring_multiply_adds, (5, -10, 10), "candidates", "-10"),
        (scoring_multiply_adds, (5, 10, -3), "factors", "-3"),
        (workers_for_deadline, (-7.0, 1.0, 1.0), "work", "-7"),
        (workers_for_deadline, (7.0, 0, 1.0), "per_worker_rate", "0"),
        (workers_for_deadline, (7.0, 1.0, -2), "deadline_seconds", "-2"),
        (workers_for_deadline, (7.0, 1.0, 0), "deadline_seconds", "0"),
        (peak_read_qps, (-4, 1, 10, 2), "users", "-4"),
        (peak_read_qps, (4, -0.5, 10, 2), "reads_per_user", "-0.5"),
        (peak_read_qps, (4, 1, 0, 2), "window_seconds", "0"),
        (peak_read_qps, (4, 1, 10, 0.5), "peak_factor", "0.5"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)


@pins("estimate_errors")
def test_errors_in_argument_order_and_boundary_values_are_accepted():
    assert_raises(ValueError, list_storage_bytes, -1, -2, 0, 0, match="users")
    assert_raises(ValueError, list_storage_bytes, 1, 30, 0, 0, match="bytes_per_id")
    assert_raises(ValueError, scoring_multiply_adds, 1, -2, -3, match="candidates")
    assert_raises(ValueError, workers_for_deadline, 1.0, 0, 0, match="per_worker_rate")
    assert_raises(ValueError, peak_read_qps, 1, 1, 0, 0, match="window_seconds")
    assert_returns(0.0, list_storage_bytes, 10, 0, 22, 1)
    assert_returns(220.0, list_storage_bytes, 1, 10, 22, 1)
    assert_returns(0.0, scoring_multiply_adds, 0, 0, 0)
    assert_returns(1.0, peak_read_qps, 1, 1, 1, 1)
    assert_returns(0.0, peak_read_qps, 1, 0, 1, 1)


# --- Part 2: the Monday batch ----------------------------------------------------------------


@pins("lpt_rule", "lpt_types")
def test_lpt_worked_example():
    assert_returns((8, [0, 1, 1, 0, 1, 0]), lpt_schedule, EXAMPLE, 2)
    assert_returns((6, [0, 1, 2, 1, 2, 0]), lpt_schedule, EXAMPLE, 3)
    assert_returns((16, [0, 0, 0, 0, 0, 0]), lpt_schedule, EXAMPLE, 1)


@pins("lpt_rule")
def test_equal_sizes_go_in_index_order_and_equal_loads_to_the_lower_worker():
    assert_returns((4, [0, 1, 2, 0]), lpt_schedule, [2, 2, 2, 2], 3)
    # the largest partition is last in the input: it still goes first, to worker 0
    assert_returns((9, [2, 2, 1, 0]), lpt_schedule, [1, 3, 4, 9], 3)
    # partitions 1 and 3 tie on size 5: partition 1 goes first
    assert_returns((6, [2, 0, 0, 1, 2]), lpt_schedule, [1, 5, 1, 5, 4], 3)


@pins("lpt_rule", "lpt_types")
def test_more_workers_than_partitions_and_no_partitions():
    assert_returns((7, [0, 1]), lpt_schedule, [7, 3], 5)
    assert_returns((0, []), lpt_schedule, [], 4)
    assert_returns((0, []), lpt_schedule, np.array([], dtype=np.int64), 1)
    assert_returns((0, [0, 0, 0]), lpt_schedule, [0, 0, 0], 3)


@pins("lpt_types")
def test_numpy_sizes_give_python_ints():
    assert_returns((8, [0, 1, 1, 0, 1, 0]), lpt_schedule, np.array(EXAMPLE, dtype=np.int32), 2)
    assert_returns((8, [0, 1, 1, 0, 1, 0]), lpt_schedule, np.array(EXAMPLE, dtype=np.int64), 2)
    result = lpt_schedule(np.array(EXAMPLE), 2)
    assert_type(result, tuple, "lpt_schedule(np.array(EXAMPLE), 2)")
    assert_type(result[1], list, "the assignment of lpt_schedule(np.array(EXAMPLE), 2)")


SIZES = st.lists(st.integers(0, 30), max_size=25)


@pins("lpt_rule")
@derandomized(max_examples=60)
@given(sizes=SIZES, workers=st.integers(1, 8))
def test_lpt_matches_a_step_by_step_brute_force(sizes, workers):
    assert_returns(lpt_brute_force(sizes, workers), lpt_schedule, sizes, workers)


@pins("lpt_rule")
@derandomized(max_examples=40)
@given(sizes=st.lists(st.integers(1, 20), min_size=1, max_size=7), workers=st.integers(1, 3))
def test_makespan_lies_between_the_lower_bounds_and_grahams_bound(sizes, workers):
    makespan, assignment = lpt_schedule(sizes, workers)
    loads = [0] * workers
    for size, w in zip(sizes, assignment, strict=True):
        loads[w] += size
    assert_equal(makespan, max(loads), f"makespan vs loads of the assignment for {sizes}")
    assert makespan >= max(math.ceil(sum(sizes) / workers), max(sizes)), (sizes, workers)
    best = optimal_makespan(sizes, workers)
    # Graham (1969): LPT is within 4/3 - 1/(3W) of the optimum
    assert best <= makespan <= (Fraction(4, 3) - Fraction(1, 3 * workers)) * best, (
        f"lpt_schedule({sizes}, {workers}) gave {makespan}, the optimum is {best}"
    )


@pins("min_workers_rule")
def test_min_workers_worked_example():
    assert_returns(2, min_workers, EXAMPLE, 8)
    assert_returns(4, min_workers, EXAMPLE, 5)
    assert_returns(None, min_workers, EXAMPLE, 4)
    assert_returns(1, min_workers, EXAMPLE, 16)
    assert_returns(2, min_workers, EXAMPLE, 15)


@pins("min_workers_rule")
def test_capacity_is_inclusive_and_a_partition_too_big_gives_none():
    assert_returns(3, min_workers, [5, 3, 3, 2, 2, 1], 6)
    assert_returns(3, min_workers, [5, 3, 3, 2, 2, 1], 6.0)
    assert_returns(4, min_workers, [5, 3, 3, 2, 2, 1], 5.999)
    assert_returns(None, min_workers, [5, 3, 3, 2, 2, 1], 4.999)
    assert_returns(None, min_workers, [1, 1, 10**9], 10**9 - 1)
    assert_returns(2, min_workers, [1, 1, 10**9], 10**9)


@pins("min_workers_rule")
def test_nothing_to_do_needs_one_worker():
    assert_returns(1, min_workers, [], 10)
    assert_returns(1, min_workers, [], 0)
    assert_returns(1, min_workers, [0, 0, 0], 0)
    assert_returns(None, min_workers, [0, 1], 0)


@pins("min_workers_rule")
@derandomized(max_examples=50)
@given(sizes=st.lists(st.integers(0, 12), max_size=14), capacity=st.integers(0, 40))
def test_min_workers_matches_a_linear_scan_from_one(sizes, capacity):
    assert_returns(min_workers_linear_scan(sizes, capacity), min_workers, sizes, capacity)


@pins("min_workers_rule", "lpt_rule")
def test_the_monday_batch_needs_101_workers_and_5_hours_is_impossible():
    sizes = monday_partitions(600_000_000, 2_000, 1.2, seed=10)
    rate = 1_000_000
    assert_returns(101, min_workers, sizes, 6 * rate)
    assert_returns(None, min_workers, sizes, 5 * rate)
    assert_returns(lpt_brute_force(sizes.tolist(), 100), lpt_schedule, sizes, 100)
    finish = [lpt_schedule(sizes, w)[0] for w in range(60, 301, 40)]
    lower = [max(int(sizes.max()), math.ceil(600_000_000 / w)) for w in range(60, 301, 40)]
    assert all(f >= b for f, b in zip(finish, lower, strict=True)), (finish, lower)
    assert finish == sorted(finish, reverse=True), f"finish times {finish} rise with more workers"
    assert_equal(
        finish[-1], int(sizes.max()), "the makespan on 300 workers (the largest partition)"
    )


@pins("model_errors")
def test_bad_sizes_workers_or_capacity_raise_value_error():
    for fn, args, name, value in (
        (lpt_schedule, ([3, -4, 1], 2), "sizes", "-4"),
        (lpt_schedule, ([3, 4], 0), "workers", "0"),
        (lpt_schedule, ([3, 4], -2), "workers", "-2"),
        (lpt_schedule, ([], 0), "workers", "0"),
        (min_workers, ([3, -9], 10), "sizes", "-9"),
        (min_workers, ([3, 4], -1), "capacity", "-1"),
        (min_workers, ([], -0.5), "capacity", "-0.5"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)
    assert_raises(ValueError, lpt_schedule, [-1], 0, match="sizes")
    assert_raises(ValueError, min_workers, [-1], -1, match="sizes")


@pins("no_mutation")
def test_inputs_are_not_modified():
    sizes = [1, 5, 3, 3, 2, 2]
    assert_returns((8, [0, 0, 1, 1, 0, 1]), lpt_schedule, sizes, 2)
    assert_equal(sizes, [1, 5, 3, 3, 2, 2], "sizes after lpt_schedule")
    arr = np.array(sizes)
    assert_returns(2, min_workers, arr, 8)
    assert_equal(arr.tolist(), [1, 5, 3, 3, 2, 2], "sizes after min_workers")
    candidates, heard, editorial = ["a", "b", "c", "d", "e"], {"b"}, ["x", "c", "b"]
    assert_returns(["a", "d", "x", "c"], assemble_weekly, candidates, heard, editorial, 4, 2)
    assert_equal(heard, {"b"}, "heard after assemble_weekly")
    heard_list = ["b", "zz"]
    editorial_list = ["x", "x", "b"]
    assert_returns(
        ["a", "c", "d", "x"], assemble_weekly, candidates, heard_list, editorial_list, 4, 2
    )
    assert_equal(candidates, ["a", "b", "c", "d", "e"], "candidates after assemble_weekly")
    assert_equal(heard_list, ["b", "zz"], "heard after assemble_weekly")
    assert_equal(editorial_list, ["x", "x", "b"], "editorial after assemble_weekly")


def partitions_for_scale():
    return monday_partitions(20_000_000, 20_000, 1.2, seed=3)


@pins("scale_model")
def test_scale_lpt_twenty_thousand_partitions_on_500_workers():
    lpt_schedule(EXAMPLE, 2)  # fail fast
    sizes = workload("dw_twenty_thousand_partitions", partitions_for_scale)

    def reference():
        values = sizes.tolist()
        heap = [(0, w) for w in range(500)]
        for i in sorted(range(len(values)), key=lambda i: (-values[i], i)):
            load, w = heapq.heappop(heap)
            heapq.heappush(heap, (load + values[i], w))
        return max(heap)

    assert_scales(
        lambda: lpt_schedule(sizes, 500),
        reference,
        factor=10,
        what="lpt_schedule of 20,000 partitions on 500 workers",
        advice="Keep the workers in a min-heap of (load, worker) pairs: no scan over all workers "
        "for every partition.",
    )


@pins("scale_model")
def test_scale_min_workers_for_the_monday_batch():
    min_workers(EXAMPLE, 8)  # fail fast
    sizes = workload("dw_monday_partitions", lambda: monday_partitions(600_000_000, 2_000, 1.2, 10))

    def reference():
        values = sizes.tolist()
        order = sorted(range(len(values)), key=lambda i: (-values[i], i))
        workers = math.ceil(sum(values) / 6_000_000)
        while True:
            heap = [(0, w) for w in range(workers)]
            for i in order:
                load, w = heapq.heappop(heap)
                heapq.heappush(heap, (load + values[i], w))
            if max(heap)[0] <= 6_000_000:
                return workers
            workers += 1

    assert_scales(
        lambda: min_workers(sizes, 6_000_000),
        reference,
        factor=10,
        what="min_workers for 2,000 partitions at 6,000,000 per worker",
        advice="No number of workers below ceil(total / capacity) can meet the capacity: start "
        "the search there instead of at one worker.",
    )


# --- Part 3: filter and editorial quota ------------------------------------------------------


@pins("filter_rule", "filter_order")
def test_assemble_worked_example():
    assert_returns(
        ["a", "d", "x", "c"],
        assemble_weekly,
        ["a", "b", "c", "d", "e"],
        {"b"},
        ["x", "c", "b"],
        4,
        2,
    )
    assert_returns(["a", "b", "c"], assemble_weekly, ["a", "b", "c"], set(), [], 5, 2)


@pins("filter_rule")
def test_heard_tracks_never_appear_from_either_source():
    assert_returns(["c", "y"], assemble_weekly, ["a", "b", "c"], {"a", "b", "x"}, ["x", "y"], 5, 2)
    assert_returns([], assemble_weekly, ["a", "b"], ["a", "b", "x"], ["x"], 30, 5)


@pins("filter_rule")
def test_no_track_twice_even_when_both_sources_name_it():
    assert_returns(
        ["a", "c", "b"], assemble_weekly, ["a", "a", "b", "c", "b"], set(), ["b", "b"], 3, 2
    )
    assert_returns(["a", "b", "x"], assemble_weekly, ["a", "x", "b"], set(), ["x", "x", "x"], 3, 3)


@pins("filter_rule")
def test_editorial_quota_and_unused_slots_go_to_the_algorithm():
    algo = ["a1", "a2", "a3", "a4", "a5", "a6"]
    editors = ["e1", "e2", "e3", "e4"]
    assert_returns(["a1", "a2", "a3", "e1", "e2"], assemble_weekly, algo, set(), editors, 5, 2)
    assert_returns(
        ["a1", "a2", "a3", "a4", "e1"], assemble_weekly, algo, {"e2"}, ["e1", "e2"], 5, 2
    )
    assert_returns(["a1", "a2", "a3", "a4", "a5"], assemble_weekly, algo, set(), editors, 5, 0)
    assert_returns(["e1", "e2", "e3"], assemble_weekly, algo, set(), editors, 3, 5)
    assert_returns(["a1", "e1", "e2", "e3", "e4"], assemble_weekly, algo, set(), editors, 5, 10)


@pins("filter_order")
def test_short_list_when_tracks_run_out_and_size_zero_is_empty():
    assert_returns(["a", "e"], assemble_weekly, ["a"], set(), ["e"], 30, 5)
    assert_returns([], assemble_weekly, [], set(), [], 30, 5)
    assert_returns([], assemble_weekly, ["a", "b"], set(), ["e"], 0, 5)
    result = assemble_weekly(["a", "b"], set(), ["e"], 3, 1)
    assert_type(result, list, 'assemble_weekly(["a", "b"], set(), ["e"], 3, 1)')


@pins("filter_rule", "filter_order")
def test_defaults_are_30_slots_and_5_editorial():
    algo = [f"t{i:03d}" for i in range(100)]
    editors = [f"e{i}" for i in range(8)]
    expected = algo[:25] + editors[:5]
    assert_returns(expected, assemble_weekly, algo, set(), editors)
    assert_returns(expected, assemble_weekly, algo, {"zzz"}, editors, 30)


@pins("filter_rule", "filter_order")
@derandomized(max_examples=40, shrink=False)
@given(
    candidates=st.lists(st.sampled_from("abcdefghij"), max_size=15),
    heard=st.sets(st.sampled_from("abcdefghijxyz"), max_size=6),
    editorial=st.lists(st.sampled_from("cdxyzé"), max_size=6),
    size=st.integers(0, 8),
    max_editorial=st.integers(0, 5),
)
def test_assemble_matches_a_slot_by_slot_brute_force(
    candidates, heard, editorial, size, max_editorial
):
    expected = assemble_brute_force(candidates, heard, editorial, size, max_editorial)
    assert_returns(expected, assemble_weekly, candidates, heard, editorial, size, max_editorial)
    assert_returns(
        expected, assemble_weekly, candidates, sorted(heard), editorial, size, max_editorial
    )


@pins("filter_errors")
def test_negative_size_or_quota_raises_value_error():
    for args, name, value in (
        ((["a"], set(), ["x"], -1, 2), "size", "-1"),
        ((["a"], set(), ["x"], 3, -2), "max_editorial", "-2"),
        (([], set(), [], -4, 0), "size", "-4"),
        (([], set(), [], -4, -5), "size", "-4"),
    ):
        assert_raises(ValueError, assemble_weekly, *args, match=name)
        assert_raises(ValueError, assemble_weekly, *args, match=value)
    # a quota above the list's length is not an error: at most `size` editorial picks
    assert_returns(["e1", "e2"], assemble_weekly, ["a"], set(), ["e1", "e2", "e3"], 2, 9)
    assert_returns(["a"], assemble_weekly, ["a"], set(), [], 1, 30)


def heavy_listener():
    rng = np.random.default_rng(21)
    catalogue = [f"spotify:track:{i:022d}" for i in range(400_000)]
    heard = [catalogue[i] for i in rng.choice(400_000, 200_000, replace=False)]
    candidates = [catalogue[i] for i in rng.permutation(400_000)[:20_000]]
    return candidates, heard, catalogue[:50]


@pins("scale_filter")
def test_scale_heard_list_of_200_000_tracks():
    assemble_weekly(["a"], ["a"], [], 30, 5)  # fail fast
    candidates, heard, editorial = workload("dw_heavy_listener", heavy_listener)

    def reference():
        excluded = set(heard)
        picks = [t for t in editorial if t not in excluded][:5]
        return [t for t in candidates if t not in excluded][: 20_000 - len(picks)] + picks

    assert_scales(
        lambda: assemble_weekly(candidates, heard, editorial, 20_000, 5),
        reference,
        factor=10,
        what="assemble_weekly of 20,000 candidates against 200,000 heard tracks",
        advice="Build set(heard) once and test membership in the set, never in the list.",
    )
