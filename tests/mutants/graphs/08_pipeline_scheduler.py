"""Plausible wrong answers to graphs/08_pipeline_scheduler, each breaking one contract clause.

Each source redefines `tasks_to_run`; `CycleError` stays the notebook's.
"""

from workbook.contract import swap

GOOD = """
import heapq


def tasks_to_run(requires, complete, target):
    if target not in requires and not any(target in reqs for reqs in requires.values()):
        raise KeyError(target)
    done = set(complete)
    if target in done:
        return []
    state = {target: 1}
    path = [target]
    stack = [iter(set(requires.get(target, ())))]
    while stack:
        for req in stack[-1]:
            if req in done:
                continue
            seen = state.get(req)
            if seen == 1:
                raise CycleError(path[path.index(req):] + [req])
            if seen is None:
                state[req] = 1
                path.append(req)
                stack.append(iter(set(requires.get(req, ()))))
                break
        else:
            state[path.pop()] = 2
            stack.pop()
    waiting = dict.fromkeys(state, 0)
    dependents = {task: [] for task in state}
    for task in state:
        for req in set(requires.get(task, ())):
            if req in state:
                waiting[task] += 1
                dependents[req].append(task)
    ready = [task for task, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for dependent in dependents[task]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, dependent)
    return order
"""

# The textbook recursive answer: depth-first, post-order, requirements in sorted order.
RECURSIVE = """
def tasks_to_run(requires, complete, target):
    if target not in requires and not any(target in reqs for reqs in requires.values()):
        raise KeyError(target)
    done = set(complete)
    order, state, path = [], {}, []

    def visit(task):
        if task in done or state.get(task) == 2:
            return
        if state.get(task) == 1:
            raise CycleError(path[path.index(task):] + [task])
        state[task] = 1
        path.append(task)
        for req in sorted(set(requires.get(task, ()))):
            visit(req)
        path.pop()
        state[task] = 2
        order.append(task)

    visit(target)
    return order
"""


ORDER = """    while ready:
        task = heapq.heappop(ready)
"""
KEYCHECK = """    if target not in requires and not any(target in reqs for reqs in requires.values()):
        raise KeyError(target)
"""
CYCLE = "                raise CycleError(path[path.index(req):] + [req])\n"

MUTANTS = {
    # returns
    "returns_a_tuple": ("returns", swap(GOOD, ("    return order\n", "    return tuple(order)\n"))),
    "complete_target_gives_none": (
        "returns",
        swap(
            GOOD,
            (
                "    if target in done:\n        return []\n",
                "    if target in done:\n        return None\n",
            ),
        ),
    ),
    "an_object_that_equals_everything": (
        "returns",
        """
def tasks_to_run(requires, complete, target):
    class Anything(list):
        def __eq__(self, other):
            return True

    return Anything()
""",
    ),
    # runs
    "looks_behind_complete_tasks": (
        "runs",
        swap(
            GOOD,
            (
                "            if req in done:\n                continue\n            seen",
                "            seen",
            ),
            (
                "    waiting = dict.fromkeys(state, 0)\n",
                "    state = {t: s for t, s in state.items() if t not in done}\n    waiting = dict.fromkeys(state, 0)\n",
            ),
        ),
    ),
    "runs_every_incomplete_task": (
        "runs",
        swap(
            GOOD,
            (
                "    waiting = dict.fromkeys(state, 0)\n",
                "    for task, reqs in requires.items():\n"
                "        for t in [task, *reqs]:\n"
                "            if t not in done:\n"
                "                state.setdefault(t, 2)\n"
                "    waiting = dict.fromkeys(state, 0)\n",
            ),
        ),
    ),
    # tasks
    "target_must_be_a_key": (
        "tasks",
        swap(GOOD, (KEYCHECK, "    if target not in requires:\n        raise KeyError(target)\n")),
    ),
    "requirement_only_tasks_never_run": (
        "tasks",
        swap(
            GOOD,
            (
                "            if req in done:\n",
                "            if req in done or req not in requires:\n",
            ),
        ),
    ),
    # order
    "depth_first_post_order": ("order", RECURSIVE),
    "ready_tasks_in_insertion_order": (
        "order",
        swap(
            GOOD,
            ("    heapq.heapify(ready)\n", ""),
            (ORDER, "    while ready:\n        task = ready.pop(0)\n"),
            (
                "                heapq.heappush(ready, dependent)\n",
                "                ready.append(dependent)\n",
            ),
        ),
    ),
    "largest_name_first": (
        "order",
        swap(
            GOOD,
            (
                "    ready = [task for task, count in waiting.items() if count == 0]\n",
                "    ready = [task for task, count in waiting.items() if count == 0]\n    ready = [_Rev(t) for t in ready]\n",
            ),
            (ORDER, "    while ready:\n        task = heapq.heappop(ready).name\n"),
            (
                "                heapq.heappush(ready, dependent)\n",
                "                heapq.heappush(ready, _Rev(dependent))\n",
            ),
            (
                "import heapq\n",
                "import heapq\n\n\nclass _Rev:\n    def __init__(self, name):\n        self.name = name\n\n    def __lt__(self, other):\n        return self.name > other.name\n",
            ),
        ),
    ),
    "sorted_by_depth_then_name": (
        "order",
        swap(
            GOOD,
            (
                "    return order\n",
                "    depth = {}\n    for task in order:\n        depth[task] = 1 + max((depth[r] for r in set(requires.get(task, ())) if r in depth), default=-1)\n    return sorted(order, key=lambda t: (depth[t], t))\n",
            ),
        ),
    ),
    "names_compared_case_insensitively": (
        "order",
        swap(
            GOOD,
            (
                "    ready = [task for task, count in waiting.items() if count == 0]\n",
                "    ready = [(task.casefold(), task) for task, count in waiting.items() if count == 0]\n",
            ),
            (ORDER, "    while ready:\n        _, task = heapq.heappop(ready)\n"),
            (
                "                heapq.heappush(ready, dependent)\n",
                "                heapq.heappush(ready, (dependent.casefold(), dependent))\n",
            ),
        ),
    ),
    # duplicates
    "counts_listed_requirements_links_distinct_ones": (
        "duplicates",
        swap(
            GOOD,
            (
                "        for req in set(requires.get(task, ())):\n            if req in state:\n"
                "                waiting[task] += 1\n",
                "        waiting[task] = sum(1 for r in requires.get(task, ()) if r in state)\n"
                "        for req in set(requires.get(task, ())):\n            if req in state:\n",
            ),
        ),
    ),
    # cycle
    "cycle_not_closed": (
        "cycle",
        swap(GOOD, (CYCLE, "                raise CycleError(path[path.index(req):])\n")),
    ),
    "cycle_from_the_target": (
        "cycle",
        swap(GOOD, (CYCLE, "                raise CycleError(path + [req])\n")),
    ),
    "cycle_reversed": (
        "cycle",
        swap(
            GOOD,
            (CYCLE, "                raise CycleError((path[path.index(req):] + [req])[::-1])\n"),
        ),
    ),
    "plain_value_error": (
        "cycle",
        swap(
            GOOD,
            (
                CYCLE,
                "                raise ValueError('cycle: ' + ' -> '.join(path[path.index(req):] + [req]))\n",
            ),
        ),
    ),
    "cycle_of_names_as_a_string": (
        "cycle",
        swap(
            GOOD,
            (
                CYCLE,
                "                raise CycleError(' -> '.join(path[path.index(req):] + [req]))\n",
            ),
        ),
    ),
    "self_requirements_ignored": (
        "cycle",
        swap(
            GOOD,
            ("            if req in done:\n", "            if req in done or req == path[-1]:\n"),
        ),
    ),
    "cycle_checked_over_the_whole_graph": (
        "cycle",
        swap(
            GOOD,
            (
                "    done = set(complete)\n",
                "    done = set(complete)\n"
                "    seen_all = {}\n"
                "    for start in list(requires):\n"
                "        if start in seen_all:\n"
                "            continue\n"
                "        seen_all[start] = 1\n"
                "        trail = [start]\n"
                "        its = [iter(set(requires.get(start, ())))]\n"
                "        while its:\n"
                "            for r in its[-1]:\n"
                "                if seen_all.get(r) == 1:\n"
                "                    raise CycleError(trail[trail.index(r):] + [r])\n"
                "                if r not in seen_all:\n"
                "                    seen_all[r] = 1\n"
                "                    trail.append(r)\n"
                "                    its.append(iter(set(requires.get(r, ()))))\n"
                "                    break\n"
                "            else:\n"
                "                seen_all[trail.pop()] = 2\n"
                "                its.pop()\n",
            ),
        ),
    ),
    # unknown_target
    "unknown_target_runs_alone": (
        "unknown_target",
        swap(GOOD, (KEYCHECK, "")),
    ),
    "completeness_checked_first": (
        "unknown_target",
        swap(
            GOOD,
            (KEYCHECK, ""),
            (
                "    if target in done:\n        return []\n",
                "    if target in done:\n        return []\n" + KEYCHECK,
            ),
        ),
    ),
    # no_mutation
    "removes_complete_tasks_from_the_lists": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    if target in done:\n        return []\n",
                "    if target in done:\n        return []\n"
                "    for reqs in requires.values():\n"
                "        if isinstance(reqs, list):\n"
                "            reqs[:] = [r for r in reqs if r not in done]\n",
            ),
        ),
    ),
    # stateless
    "caches_by_target": (
        "stateless",
        swap(
            GOOD,
            (
                "def tasks_to_run(requires, complete, target):\n",
                "_cache = {}\n\n\ndef tasks_to_run(requires, complete, target):\n    if target in _cache:\n        return list(_cache[target])\n    _cache[target] = _plan(requires, complete, target)\n    return list(_cache[target])\n\n\ndef _plan(requires, complete, target):\n",
            ),
        ),
    ),
    # scale
    "recursive_search": (
        "scale_depth",
        swap(
            RECURSIVE,
            (
                "    visit(target)\n    return order\n",
                "    visit(target)\n    return _lexicographic(requires, order)\n",
            ),
        )
        + """

def _lexicographic(requires, order):
    import heapq

    state = set(order)
    waiting = dict.fromkeys(state, 0)
    dependents = {t: [] for t in state}
    for task in state:
        for req in set(requires.get(task, ())):
            if req in state:
                waiting[task] += 1
                dependents[req].append(task)
    ready = [t for t, c in waiting.items() if c == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        task = heapq.heappop(ready)
        out.append(task)
        for d in dependents[task]:
            waiting[d] -= 1
            if waiting[d] == 0:
                heapq.heappush(ready, d)
    return out
""",
    ),
    "cycle_path_searched_with_a_list": (
        "scale_depth",
        swap(
            GOOD,
            (
                "            seen = state.get(req)\n            if seen == 1:\n",
                "            seen = state.get(req)\n            if req in path:\n",
            ),
        ),
    ),
    "smallest_ready_task_by_min": (
        "scale_width",
        swap(
            GOOD,
            ("    heapq.heapify(ready)\n", ""),
            (ORDER, "    while ready:\n        task = min(ready)\n        ready.remove(task)\n"),
            (
                "                heapq.heappush(ready, dependent)\n",
                "                ready.append(dependent)\n",
            ),
        ),
    ),
}
