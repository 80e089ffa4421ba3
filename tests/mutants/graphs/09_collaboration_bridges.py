"""Plausible wrong answers to graphs/09_collaboration_bridges, each breaking one contract clause.

Each source redefines one of the two functions; the other stays the reference solution.
"""

from workbook.contract import swap

SCENES = """
def scenes(artists, collaborations):
    graph = {artist: set() for artist in artists}
    for a, b in collaborations:
        graph.setdefault(a, set())
        graph.setdefault(b, set())
        if a != b:
            graph[a].add(b)
            graph[b].add(a)
    seen = set()
    groups = []
    for start in graph:
        if start in seen:
            continue
        seen.add(start)
        group, frontier = [start], [start]
        while frontier:
            for other in graph[frontier.pop()]:
                if other not in seen:
                    seen.add(other)
                    group.append(other)
                    frontier.append(other)
        groups.append(sorted(group))
    groups.sort(key=lambda group: (-len(group), group[0]))
    return groups
"""

CRITICAL = """
def critical_collaborations(collaborations):
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    found, low, critical = {}, {}, []
    for root in graph:
        if root in found:
            continue
        found[root] = low[root] = len(found)
        stack = [(root, None, iter(graph[root]))]
        while stack:
            artist, parent, others = stack[-1]
            for other in others:
                if other == parent:
                    continue
                if other in found:
                    low[artist] = min(low[artist], found[other])
                else:
                    found[other] = low[other] = len(found)
                    stack.append((other, artist, iter(graph[other])))
                    break
            else:
                stack.pop()
                if parent is not None:
                    low[parent] = min(low[parent], low[artist])
                    if low[artist] > found[parent]:
                        critical.append((parent, artist) if parent < artist else (artist, parent))
    return sorted(critical)
"""

# The textbook recursive Tarjan, on adjacency lists that keep every row.
RECURSIVE = """
def critical_collaborations(collaborations):
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    found, low, critical = {}, {}, []

    def visit(artist, parent):
        found[artist] = low[artist] = len(found)
        for other in graph[artist]:
            if other == parent:
                continue
            if other in found:
                low[artist] = min(low[artist], found[other])
            else:
                visit(other, artist)
                low[artist] = min(low[artist], low[other])
                if low[other] > found[artist]:
                    critical.append(tuple(sorted((artist, other))))

    for root in graph:
        if root not in found:
            visit(root, None)
    return sorted(critical)
"""


SORT_SCENES = "    groups.sort(key=lambda group: (-len(group), group[0]))\n"
APPEND_BRIDGE = "                        critical.append((parent, artist) if parent < artist else (artist, parent))\n"

MUTANTS = {
    # scenes_returns
    "scenes_as_tuples": (
        "scenes_returns",
        swap(SCENES, ("    return groups\n", "    return [tuple(g) for g in groups]\n")),
    ),
    "scenes_as_sets": (
        "scenes_returns",
        swap(SCENES, ("    return groups\n", "    return [set(g) for g in groups]\n")),
    ),
    "an_object_that_equals_everything": (
        "scenes_returns",
        """
def scenes(artists, collaborations):
    class Anything(list):
        def __eq__(self, other):
            return True

    return Anything()
""",
    ),
    # scene_members
    "ignores_the_artists_argument": (
        "scene_members",
        swap(SCENES, ("    graph = {artist: set() for artist in artists}\n", "    graph = {}\n")),
    ),
    "self_pairs_drop_the_artist": (
        "scene_members",
        swap(
            SCENES,
            (
                "        graph.setdefault(a, set())\n        graph.setdefault(b, set())\n        if a != b:\n",
                "        if a != b:\n            graph.setdefault(a, set())\n            graph.setdefault(b, set())\n",
            ),
        ),
    ),
    # scene_order
    "smallest_scenes_first": (
        "scene_order",
        swap(SCENES, (SORT_SCENES, "    groups.sort(key=lambda group: (len(group), group[0]))\n")),
    ),
    "ties_in_discovery_order": (
        "scene_order",
        swap(SCENES, (SORT_SCENES, "    groups.sort(key=len, reverse=True)\n")),
    ),
    "members_in_discovery_order": (
        "scene_order",
        swap(
            SCENES,
            ("        groups.append(sorted(group))\n", "        groups.append(group)\n"),
            (SORT_SCENES, "    groups.sort(key=lambda group: (-len(group), min(group)))\n"),
        ),
    ),
    # bridges_returns
    "pairs_as_lists": (
        "bridges_returns",
        swap(
            CRITICAL,
            ("    return sorted(critical)\n", "    return sorted([list(p) for p in critical])\n"),
        ),
    ),
    "pairs_in_discovery_direction": (
        "bridges_returns",
        swap(
            CRITICAL, (APPEND_BRIDGE, "                        critical.append((parent, artist))\n")
        ),
    ),
    # bridges
    "articulation_condition": (
        "bridges",
        swap(
            CRITICAL,
            (
                "                    if low[artist] > found[parent]:\n",
                "                    if low[artist] >= found[parent]:\n",
            ),
        ),
    ),
    "only_pendant_pairs": (
        "bridges",
        """
def critical_collaborations(collaborations):
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    return sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if len(graph[a]) == 1 or len(graph[b]) == 1})
""",
    ),
    "low_not_passed_up": (
        "bridges",
        swap(CRITICAL, ("                    low[parent] = min(low[parent], low[artist])\n", "")),
    ),
    # bridge_order
    "pairs_in_discovery_order": (
        "bridge_order",
        swap(CRITICAL, ("    return sorted(critical)\n", "    return critical\n")),
    ),
    "sorted_by_second_artist": (
        "bridge_order",
        swap(
            CRITICAL,
            (
                "    return sorted(critical)\n",
                "    return sorted(critical, key=lambda p: (p[1], p[0]))\n",
            ),
        ),
    ),
    # duplicates
    "repeated_rows_are_parallel_links": (
        "duplicates",
        """
def critical_collaborations(collaborations):
    graph = {}
    for index, (a, b) in enumerate(collaborations):
        if a != b:
            graph.setdefault(a, []).append((b, index))
            graph.setdefault(b, []).append((a, index))
    found, low, critical = {}, {}, []
    for root in graph:
        if root in found:
            continue
        found[root] = low[root] = len(found)
        stack = [(root, None, iter(graph[root]))]
        while stack:
            artist, via, others = stack[-1]
            for other, edge in others:
                if edge == via:
                    continue
                if other in found:
                    low[artist] = min(low[artist], found[other])
                else:
                    found[other] = low[other] = len(found)
                    stack.append((other, edge, iter(graph[other])))
                    break
            else:
                stack.pop()
                if via is not None:
                    parent = collaborations[via][0] if collaborations[via][1] == artist else collaborations[via][1]
                    low[parent] = min(low[parent], low[artist])
                    if low[artist] > found[parent]:
                        critical.append(tuple(sorted((parent, artist))))
    return sorted(critical)
""",
    ),
    "repeated_pairs_listed_twice": (
        "duplicates",
        """
def critical_collaborations(collaborations):
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    found, low, bridges = {}, {}, set()
    for root in graph:
        if root in found:
            continue
        found[root] = low[root] = len(found)
        stack = [(root, None, iter(graph[root]))]
        while stack:
            artist, parent, others = stack[-1]
            for other in others:
                if other == parent:
                    continue
                if other in found:
                    low[artist] = min(low[artist], found[other])
                else:
                    found[other] = low[other] = len(found)
                    stack.append((other, artist, iter(graph[other])))
                    break
            else:
                stack.pop()
                if parent is not None:
                    low[parent] = min(low[parent], low[artist])
                    if low[artist] > found[parent]:
                        bridges.add(frozenset((parent, artist)))
    return sorted(tuple(sorted(p)) for p in collaborations if p[0] != p[1] and frozenset(p) in bridges)
""",
    ),
    # no_mutation
    "sorts_the_pairs_in_place": (
        "no_mutation",
        swap(
            CRITICAL,
            (
                "    graph = {}\n",
                "    if isinstance(collaborations, list):\n        collaborations.sort()\n    graph = {}\n",
            ),
        ),
    ),
    "sorts_the_artists_in_place": (
        "no_mutation",
        swap(
            SCENES,
            (
                "    graph = {artist: set() for artist in artists}\n",
                "    if isinstance(artists, list):\n        artists.sort()\n    graph = {artist: set() for artist in artists}\n",
            ),
        ),
    ),
    # stateless
    "caches_by_number_of_pairs": (
        "stateless",
        swap(
            CRITICAL,
            (
                "def critical_collaborations(collaborations):\n",
                "_cache = {}\n\n\ndef critical_collaborations(collaborations):\n    if len(collaborations) not in _cache:\n        _cache[len(collaborations)] = _critical(collaborations)\n    return list(_cache[len(collaborations)])\n\n\ndef _critical(collaborations):\n",
            ),
        ),
    ),
    # scale_depth
    "recursive_tarjan": ("scale_depth", RECURSIVE),
    "recursive_scenes": (
        "scale_depth",
        swap(
            SCENES,
            (
                "        group, frontier = [start], [start]\n"
                "        while frontier:\n"
                "            for other in graph[frontier.pop()]:\n"
                "                if other not in seen:\n"
                "                    seen.add(other)\n"
                "                    group.append(other)\n"
                "                    frontier.append(other)\n",
                "        group = [start]\n"
                "\n"
                "        def visit(artist):\n"
                "            for other in graph[artist]:\n"
                "                if other not in seen:\n"
                "                    seen.add(other)\n"
                "                    group.append(other)\n"
                "                    visit(other)\n"
                "\n"
                "        visit(start)\n",
            ),
        ),
    ),
    # scale_size
    "remove_each_pair_and_search_again": (
        "scale_size",
        """
def critical_collaborations(collaborations):
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    critical = []
    for a in graph:
        for b in graph[a]:
            if a < b:
                seen, frontier = {a}, [a]
                while frontier:
                    x = frontier.pop()
                    for y in graph[x]:
                        if {x, y} == {a, b}:
                            continue
                        if y not in seen:
                            seen.add(y)
                            frontier.append(y)
                if b not in seen:
                    critical.append((a, b))
    return sorted(critical)
""",
    ),
    "relabels_a_whole_scene_per_merge": (
        "scale_size",
        """
def scenes(artists, collaborations):
    label = {artist: artist for artist in artists}
    members = {artist: [artist] for artist in artists}
    for a, b in collaborations:
        for x in (a, b):
            if x not in label:
                label[x] = x
                members[x] = [x]
        la, lb = label[a], label[b]
        if la != lb:
            for x in members[lb]:
                label[x] = la
            members[la] += members.pop(lb)
    groups = [sorted(group) for group in members.values()]
    groups.sort(key=lambda group: (-len(group), group[0]))
    return groups
""",
    ),
}
