"""Hidden tests for graphs/08_pipeline_scheduler: `tasks_to_run(requires, complete, target)`."""

import copy
import heapq
import itertools

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import (
    assert_raises,
    assert_returns,
    assert_type,
    assert_unmodified,
    fail_if,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload
from workbook.preview import preview

REQUIRES = {
    "DailyReport": ["ArtistCharts", "TopTracks", "Listeners"],
    "ArtistCharts": ["Sessions"],
    "TopTracks": ["Sessions", "TrackMetadata"],
    "Listeners": ["PlayEvents"],
    "Sessions": ["PlayEvents"],
    "TrackMetadata": ["CatalogDump"],
}
COMPLETE = {"PlayEvents", "TrackMetadata"}
EXAMPLE = ["Listeners", "Sessions", "ArtistCharts", "TopTracks", "DailyReport"]


def visited(requires, complete, target):
    """The incomplete tasks reached from target without looking behind complete tasks."""
    graph = nx.DiGraph()
    graph.add_node(target)
    graph.add_edges_from(
        (task, req) for task, reqs in requires.items() if task not in complete for req in reqs
    )
    if target in complete:
        return set()
    return {t for t in nx.descendants(graph, target) | {target} if t not in complete}


def oracle(requires, complete, target):
    """networkx: the visited subgraph, requirement -> task, in lexicographic topological
    order; None when it has a cycle."""
    tasks = visited(requires, complete, target)
    graph = nx.DiGraph()
    graph.add_nodes_from(tasks)
    graph.add_edges_from(
        (req, task) for task in tasks for req in requires.get(task, ()) if req in tasks
    )
    try:
        nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return list(nx.lexicographical_topological_sort(graph))
    return None


def assert_cycle(requires, complete, target):
    """Fail, showing the input, unless tasks_to_run raises CycleError with a valid cycle among
    the visited tasks, and leaves its arguments unmodified."""
    before = copy.deepcopy((requires, complete, target))
    args = (requires, complete, target)
    try:
        result = tasks_to_run(requires, complete, target)
    except CycleError as error:
        problem = cycle_problem(error, requires, complete, target)
        actual = f"CycleError({str(error)!r}) with .cycle = {preview(getattr(error, 'cycle', None), 200)}"
    else:
        problem, actual = "it returned instead of raising", preview(result, 200)
    fail_if(
        problem and f"must raise CycleError with a cycle among the visited tasks: {problem}",
        tasks_to_run,
        args,
        expected="CycleError([t0, t1, ..., t0]), each task requiring the next, none complete",
        actual=actual,
    )
    assert_unmodified(tasks_to_run, (before, {}), (args, {}))


def cycle_problem(error, requires, complete, target, reached=None):
    """What is wrong with a raised CycleError, or None. `reached`: the visited tasks, if known."""
    cycle = getattr(error, "cycle", None)
    if not isinstance(error, ValueError):
        return "CycleError must be a ValueError"
    if type(cycle) is not list or any(type(t) is not str for t in cycle):
        return "`cycle` must be a list of str task names"
    if len(cycle) < 2 or cycle[0] != cycle[-1]:
        return "the cycle must start and end with the same task"
    broken = [(a, b) for a, b in itertools.pairwise(cycle) if b not in requires.get(a, ())]
    if broken:
        return f"{broken[0][0]!r} does not require {broken[0][1]!r}"
    reached = visited(requires, complete, target) if reached is None else reached
    outside = [t for t in cycle if t not in reached]
    if outside:
        return f"{outside[0]!r} is not a task this call visits (complete, or not reached)"
    if " -> ".join(cycle) not in str(error):
        return "the message must show the cycle joined by ' -> '"
    return None


def reference(requires, complete, target):
    """The scale tests' yardstick: an explicit-stack search, then Kahn with a heap."""
    done = set(complete)
    if target in done:
        return []
    state, path, stack = {target: 1}, [target], [iter(set(requires.get(target, ())))]
    while stack:
        for req in stack[-1]:
            if req in done:
                continue
            seen = state.get(req)
            if seen == 1:
                return [*path[path.index(req) :], req]
            if seen is None:
                state[req] = 1
                path.append(req)
                stack.append(iter(set(requires.get(req, ()))))
                break
        else:
            state[path.pop()] = 2
            stack.pop()
    waiting, dependents = dict.fromkeys(state, 0), {t: [] for t in state}
    for task in state:
        for req in set(requires.get(task, ())):
            if req in state:
                waiting[task] += 1
                dependents[req].append(task)
    ready = [t for t, c in waiting.items() if c == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for d in dependents[task]:
            waiting[d] -= 1
            if waiting[d] == 0:
                heapq.heappush(ready, d)
    return order


@pins("order", "runs")
def test_example_from_the_statement():
    assert_returns(EXAMPLE, tasks_to_run, REQUIRES, COMPLETE, "DailyReport")
    assert_returns(["Sessions", "TopTracks"], tasks_to_run, REQUIRES, COMPLETE, "TopTracks")


@pins("returns")
def test_returns_a_new_list_of_str():
    result = tasks_to_run(REQUIRES, COMPLETE, "DailyReport")
    assert_type(result, list, 'tasks_to_run(REQUIRES, COMPLETE, "DailyReport")')
    for task in result:
        assert_type(task, str, 'a task in tasks_to_run(REQUIRES, COMPLETE, "DailyReport")')
    assert_returns(EXAMPLE, lambda: result)
    assert_returns([], tasks_to_run, REQUIRES, COMPLETE | {"DailyReport"}, "DailyReport")
    assert_returns([], tasks_to_run, REQUIRES, ["DailyReport"], "DailyReport")


@pins("runs")
def test_nothing_behind_a_complete_task_is_visited():
    # CatalogDump is missing, but only TrackMetadata (complete) requires it
    result = tasks_to_run(REQUIRES, COMPLETE, "TopTracks")
    assert_returns(["Sessions", "TopTracks"], lambda: result)
    # with nothing complete, everything below the target runs
    assert_returns(
        [
            "CatalogDump",
            "PlayEvents",
            "Listeners",
            "Sessions",
            "ArtistCharts",
            "TrackMetadata",
            "TopTracks",
            "DailyReport",
        ],
        tasks_to_run,
        REQUIRES,
        set(),
        "DailyReport",
    )
    # a complete task in the middle hides a whole missing subtree
    assert_returns(
        ["Listeners", "DailyReport"],
        tasks_to_run,
        REQUIRES,
        {"ArtistCharts", "TopTracks", "PlayEvents"},
        "DailyReport",
    )


@pins("runs")
def test_tasks_not_below_the_target_do_not_run():
    extra = {**REQUIRES, "Wrapped": ["DailyReport", "YearOfPlays"], "YearOfPlays": []}
    assert_returns(["Sessions", "TopTracks"], tasks_to_run, extra, COMPLETE, "TopTracks")
    assert_returns(EXAMPLE, tasks_to_run, extra, COMPLETE, "DailyReport")


@pins("tasks")
def test_a_task_named_only_as_a_requirement_has_none():
    assert_returns(["CatalogDump"], tasks_to_run, REQUIRES, COMPLETE, "CatalogDump")
    assert_returns(["PlayEvents"], tasks_to_run, REQUIRES, set(), "PlayEvents")
    assert_returns([], tasks_to_run, REQUIRES, COMPLETE, "PlayEvents")
    assert_returns(["b", "a"], tasks_to_run, {"a": ["b"]}, set(), "a")


@pins("tasks")
def test_complete_may_name_unknown_tasks():
    complete = COMPLETE | {"Podcasts", "Ads(2026-01-01)", "ÄlteresReport"}
    assert_returns(EXAMPLE, tasks_to_run, REQUIRES, complete, "DailyReport")
    assert_returns(EXAMPLE, tasks_to_run, REQUIRES, frozenset(complete), "DailyReport")
    assert_returns(EXAMPLE, tasks_to_run, REQUIRES, sorted(complete), "DailyReport")


@pins("order")
def test_the_smallest_ready_task_runs_next_not_a_depth_first_order():
    # a -> z -> y; b alone. Ready at the start: y and b. Depth-first gives y, z, b, t.
    requires = {"t": ["a", "b"], "a": ["z"], "z": ["y"]}
    assert_returns(["b", "y", "z", "a", "t"], tasks_to_run, requires, set(), "t")
    # list order must not matter
    requires = {"t": ["b", "a"], "a": ["z"], "z": ["y"]}
    assert_returns(["b", "y", "z", "a", "t"], tasks_to_run, requires, set(), "t")
    # c becomes ready after b and is smaller than z, which was ready all along
    requires = {"t": ["z", "c"], "c": ["b"]}
    assert_returns(["b", "c", "z", "t"], tasks_to_run, requires, set(), "t")


@pins("order")
def test_names_compare_as_plain_strings():
    requires = {"Report": ["b", "B", "a", "Ä", "10", "9"]}
    assert_returns(
        ["10", "9", "B", "a", "b", "Ä", "Report"], tasks_to_run, requires, set(), "Report"
    )
    days = {"Top(2026-01-10)": [f"Day(2026-01-{d:02d})" for d in (10, 2, 1)]}
    assert_returns(
        ["Day(2026-01-01)", "Day(2026-01-02)", "Day(2026-01-10)", "Top(2026-01-10)"],
        tasks_to_run,
        days,
        set(),
        "Top(2026-01-10)",
    )


@pins("duplicates")
def test_a_requirement_listed_twice_counts_once():
    doubled = {task: reqs + reqs for task, reqs in REQUIRES.items()}
    assert_returns(EXAMPLE, tasks_to_run, doubled, COMPLETE, "DailyReport")
    assert_returns(["a", "t"], tasks_to_run, {"t": ["a", "a", "a"]}, set(), "t")


@pins("cycle")
def test_a_cycle_is_reported_as_a_closed_path():
    with_a_cycle = {**REQUIRES, "PlayEvents": ["DailyReport"]}
    assert_cycle(with_a_cycle, set(), "DailyReport")
    assert_cycle(with_a_cycle, {"TrackMetadata"}, "Sessions")
    ring = {"a": ["b"], "b": ["c"], "c": ["a"]}
    assert_cycle(ring, set(), "a")
    assert_cycle({"start": ["a"], **ring}, set(), "start")


@pins("cycle")
def test_a_task_requiring_itself_is_a_cycle_of_one():
    assert_cycle({"Sessions": ["Sessions"]}, set(), "Sessions")
    assert_cycle({**REQUIRES, "Listeners": ["PlayEvents", "Listeners"]}, COMPLETE, "DailyReport")


@pins("cycle")
def test_cycles_that_are_not_visited_are_not_errors():
    # behind a complete task
    with_a_cycle = {**REQUIRES, "PlayEvents": ["DailyReport"]}
    assert_returns(EXAMPLE, tasks_to_run, with_a_cycle, COMPLETE, "DailyReport")
    behind = {**REQUIRES, "CatalogDump": ["TrackMetadata"]}
    assert_returns(EXAMPLE, tasks_to_run, behind, COMPLETE, "DailyReport")
    # not reachable from the target
    elsewhere = {**REQUIRES, "x": ["y"], "y": ["x"]}
    assert_returns(EXAMPLE, tasks_to_run, elsewhere, COMPLETE, "DailyReport")
    # a self-requirement on a complete task
    assert_returns([], tasks_to_run, {"a": ["a"]}, {"a"}, "a")


@pins("cycle")
def test_cycle_error_is_the_notebooks_value_error():
    assert_returns(True, lambda: issubclass(CycleError, ValueError))
    assert_raises(ValueError, tasks_to_run, {"a": ["b"], "b": ["a"]}, set(), "a", match="->")


@pins("unknown_target")
def test_unknown_target_raises_key_error_naming_it():
    assert_raises(KeyError, tasks_to_run, REQUIRES, COMPLETE, "DailyReprot", match="DailyReprot")
    assert_raises(KeyError, tasks_to_run, {}, set(), "DailyReport", match="DailyReport")
    assert_raises(KeyError, tasks_to_run, REQUIRES, COMPLETE, "Ads(2026-01-01)", match="Ads")


@pins("unknown_target")
def test_unknown_target_is_checked_before_completeness():
    assert_raises(KeyError, tasks_to_run, REQUIRES, {"Podcasts"}, "Podcasts", match="Podcasts")
    assert_raises(KeyError, tasks_to_run, {}, ["Väder"], "Väder", match="Väder")


@pins("no_mutation")
def test_arguments_are_not_modified():
    requires = {task: list(reqs) for task, reqs in REQUIRES.items()}
    assert_returns(EXAMPLE, tasks_to_run, requires, set(COMPLETE), "DailyReport")
    assert_returns(EXAMPLE, tasks_to_run, requires, sorted(COMPLETE), "DailyReport")
    assert_returns(
        ["Listeners", "DailyReport"],
        tasks_to_run,
        requires,
        {"ArtistCharts", "TopTracks", "PlayEvents"},
        "DailyReport",
    )
    assert_cycle({**requires, "PlayEvents": ["DailyReport"]}, set(), "DailyReport")


@pins("stateless")
def test_a_second_graph_gets_its_own_answer():
    assert_returns(EXAMPLE, tasks_to_run, REQUIRES, COMPLETE, "DailyReport")
    assert_returns(
        ["ArtistCharts", "DailyReport"],
        tasks_to_run,
        REQUIRES,
        COMPLETE | {"Sessions", "TopTracks", "Listeners"},
        "DailyReport",
    )
    changed = {"DailyReport": ["Listeners"], "Listeners": ["PlayEvents"]}
    assert_returns(
        ["PlayEvents", "Listeners", "DailyReport"], tasks_to_run, changed, set(), "DailyReport"
    )


TASKS = [f"t{i}" if i % 3 else f"T{i}" for i in range(10)]


@pins("runs", "order", "cycle", "tasks", "duplicates")
@derandomized(max_examples=40)
@given(
    edges=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=25),
    complete=st.sets(st.integers(0, 9), max_size=4),
    target=st.integers(0, 9),
)
def test_matches_networkx_on_random_pipelines(edges, complete, target):
    requires: dict[str, list[str]] = {}
    for a, b in edges:
        requires.setdefault(TASKS[a], []).append(TASKS[b])
    named = set(requires) | {r for reqs in requires.values() for r in reqs}
    done = {TASKS[i] for i in complete}
    if TASKS[target] not in named:
        assert_raises(KeyError, tasks_to_run, requires, done, TASKS[target], match=TASKS[target])
        return
    expected = oracle(requires, done, TASKS[target])
    if expected is None:
        assert_cycle(requires, done, TASKS[target])
    else:
        assert_returns(expected, tasks_to_run, requires, done, TASKS[target])


def chain(n: int) -> dict[str, list[str]]:
    """Report(i) requires Report(i - 1): n daily partitions."""
    return {f"Report({i:06d})": [f"Report({i - 1:06d})"] for i in range(1, n)}


def fan_in(n: int, shared: int) -> tuple[dict[str, list[str]], set[str]]:
    """Top requires n partitions; each requires 2 of `shared` sources, 90 % of them complete:
    most partitions are ready at once."""
    rng = np.random.default_rng(3)
    picks = rng.integers(0, shared, size=(n, 2)).tolist()
    requires = {"Top": [f"Part({i:06d})" for i in range(n)]}
    for i, (a, b) in enumerate(picks):
        requires[f"Part({i:06d})"] = [f"Source({a:04d})", f"Source({b:04d})"]
    complete = {f"Source({s:04d})" for s in range(shared) if s % 10}
    return requires, complete


@pins("scale_depth")
def test_scale_a_chain_100000_tasks_deep():
    tasks_to_run({"a": ["b"]}, set(), "a")  # fail fast, before building the large inputs
    for n in (10_000, 100_000):
        requires = workload(f"pipeline_chain_{n}", lambda n=n: chain(n))
        top, result = f"Report({n - 1:06d})", []
        assert_scales(
            lambda requires=requires, top=top, result=result: result.append(
                tasks_to_run(requires, set(), top)
            ),
            lambda requires=requires, top=top: reference(requires, set(), top),
            factor=10,
            what=f"a chain of {n:,} tasks",
            advice="Search with an explicit stack (a list of iterators over requirement lists), "
            "not recursion: Python stops at about 1,000 nested calls. Test 'is it on the path' "
            "with a dict or set, not with `in path`.",
        )
        assert_returns([f"Report({i:06d})" for i in range(n)], lambda result=result: result[-1])


@pins("scale_depth")
def test_scale_a_cycle_100000_tasks_long():
    tasks_to_run({"a": ["b"]}, set(), "a")
    for n in (100_000,):  # a 10,000-task cycle is too quick to time: the chain test covers it
        requires = workload(
            f"pipeline_ring_{n}",
            lambda n=n: {**chain(n), "Report(000000)": [f"Report({n - 1:06d})"]},
        )
        top, raised = f"Report({n - 1:06d})", []

        def candidate(requires=requires, top=top, raised=raised):
            try:
                raised.append(tasks_to_run(requires, set(), top))
            except CycleError as error:
                raised.append(error)

        assert_scales(
            candidate,
            lambda requires=requires, top=top: reference(requires, set(), top),
            factor=10,
            what=f"a cycle through {n:,} tasks",
            advice="Keep the current path in a list next to the explicit stack, and a dict of "
            "the tasks on it: one lookup per requirement, one slice when the cycle closes.",
        )
        call = f"tasks_to_run(a cycle through {n:,} tasks, set(), {top!r})"
        if not isinstance(raised[-1], CycleError):
            raise AssertionError(f"{call} must raise CycleError; it returned {preview(raised[-1])}")
        problem = cycle_problem(raised[-1], requires, set(), top, reached=set(requires))
        if problem:
            raise AssertionError(f"{call} raised a bad CycleError: {problem}")


@pins("scale_width")
def test_scale_a_target_requiring_100000_tasks():
    tasks_to_run({"a": ["b"]}, set(), "a")
    for n, name in ((10_000, "pipeline_fan_in_10k"), (100_000, "pipeline_fan_in_100k")):
        requires, complete = workload(name, lambda n=n: fan_in(n, 1_000))
        assert_scales(
            lambda requires=requires, complete=complete: tasks_to_run(requires, complete, "Top"),
            lambda requires=requires, complete=complete: reference(requires, complete, "Top"),
            factor=10,
            what=f"a target requiring {n:,} tasks that share 1,000 requirements",
            advice="Keep the ready tasks in a heap (heapq) and count each task's requirements "
            "that still have to run: no min(), sort or list.pop(0) over all ready tasks per step.",
        )
