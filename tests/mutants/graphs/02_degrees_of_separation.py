"""Plausible wrong answers to graphs/02_degrees_of_separation, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
def collaboration_path(collaborators, source, target):
    for artist in (source, target):
        if artist not in collaborators:
            raise KeyError(artist)
    if source == target:
        return [source]
    parents = [{source: None}, {target: None}]
    frontiers = [[source], [target]]
    while frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = parents[side], parents[1 - side]
        layer = []
        for artist in frontiers[side]:
            for other in collaborators[artist]:
                if other in mine:
                    continue
                mine[other] = artist
                if other in theirs:
                    return _join(parents, other)
                layer.append(other)
        frontiers[side] = layer
    return None


def _join(parents, meeting):
    path, artist = [], meeting
    while artist is not None:
        path.append(artist)
        artist = parents[0][artist]
    path.reverse()
    artist = parents[1][meeting]
    while artist is not None:
        path.append(artist)
        artist = parents[1][artist]
    return path
"""

BFS = """
from collections import deque


def collaboration_path(collaborators, source, target):
    for artist in (source, target):
        if artist not in collaborators:
            raise KeyError(artist)
    parent, queue = {source: None}, deque([source])
    while queue:
        artist = queue.popleft()
        if artist == target:
            path = []
            while artist is not None:
                path.append(artist)
                artist = parent[artist]
            return path[::-1]
        for other in collaborators[artist]:
            if other not in parent:
                parent[other] = artist
                queue.append(other)
    return None
"""


MUTANTS = {
    # returns
    "returns_a_tuple": ("returns", swap(GOOD, ("    return path\n", "    return tuple(path)\n"))),
    "source_half_not_reversed": ("returns", swap(GOOD, ("    path.reverse()\n", ""))),
    "path_misses_the_source": (
        "returns",
        swap(BFS, ("return path[::-1]", "return path[::-1][1:]")),
    ),
    # shortest
    "depth_first_search": ("shortest", swap(BFS, ("queue.popleft()", "queue.pop()"))),
    "one_artist_at_a_time_from_both_ends": (
        "shortest",
        """
from collections import deque


def collaboration_path(collaborators, source, target):
    for artist in (source, target):
        if artist not in collaborators:
            raise KeyError(artist)
    if source == target:
        return [source]
    parents = [{source: None}, {target: None}]
    queues = [deque([source]), deque([target])]
    side = 0
    while queues[0] and queues[1]:
        artist = queues[side].popleft()
        for other in collaborators[artist]:
            if other in parents[side]:
                continue
            parents[side][other] = artist
            if other in parents[1 - side]:
                left, node = [], other
                while node is not None:
                    left.append(node)
                    node = parents[0][node]
                node, right = parents[1][other], []
                while node is not None:
                    right.append(node)
                    node = parents[1][node]
                return left[::-1] + right
            queues[side].append(other)
        side = 1 - side
    return None
""",
    ),
    # same_artist
    "same_artist_gives_an_empty_chain": (
        "same_artist",
        swap(
            GOOD,
            (
                "    if source == target:\n        return [source]\n",
                "    if source == target:\n        return []\n",
            ),
        ),
    ),
    "same_artist_found_by_searching": (
        "same_artist",
        """
from collections import deque


def collaboration_path(collaborators, source, target):
    for artist in (source, target):
        if artist not in collaborators:
            raise KeyError(artist)
    parent, queue = {source: None}, deque([source])
    while queue:
        artist = queue.popleft()
        for other in collaborators[artist]:
            if other == target:
                path = [other, artist]
                while parent[artist] is not None:
                    artist = parent[artist]
                    path.append(artist)
                return path[::-1]
            if other not in parent:
                parent[other] = artist
                queue.append(other)
    return None
""",
    ),
    # unreachable
    "no_chain_gives_an_empty_list": (
        "unreachable",
        swap(
            GOOD,
            (
                "        frontiers[side] = layer\n    return None\n",
                "        frontiers[side] = layer\n    return []\n",
            ),
        ),
    ),
    # unknown_artist
    "unknown_artist_gives_none": (
        "unknown_artist",
        swap(GOOD, ("raise KeyError(artist)", "return None")),
    ),
    "only_the_source_is_checked": (
        "unknown_artist",
        swap(
            GOOD,
            (
                "    for artist in (source, target):\n        if artist not in collaborators:\n            raise KeyError(artist)\n",
                "    if source not in collaborators:\n        raise KeyError(source)\n",
            ),
            (
                "            for other in collaborators[artist]:",
                "            for other in collaborators.get(artist, ()):",
            ),
        ),
    ),
    "same_artist_shortcut_before_the_check": (
        "unknown_artist",
        swap(
            GOOD,
            (
                "    for artist in (source, target):",
                "    if source == target:\n        return [source]\n    for artist in (source, target):",
            ),
        ),
    ),
    "key_error_without_the_name": (
        "unknown_artist",
        swap(GOOD, ("raise KeyError(artist)", 'raise KeyError("unknown artist")')),
    ),
    "target_checked_first": (
        "unknown_artist",
        swap(GOOD, ("for artist in (source, target):", "for artist in (target, source):")),
    ),
    # no_mutation
    "marks_visited_by_emptying_the_graph": (
        "no_mutation",
        swap(
            BFS,
            (
                "        for other in collaborators[artist]:",
                "        neighbours, collaborators[artist] = collaborators[artist], set()\n        for other in neighbours:",
            ),
        ),
    ),
    "cleans_self_listings_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "            for other in collaborators[artist]:",
                "            if isinstance(collaborators[artist], set):\n                collaborators[artist].discard(artist)\n            for other in collaborators[artist]:",
            ),
        ),
    ),
    # stateless
    "caches_the_search_tree_per_source": (
        "stateless",
        """
from collections import deque

_TREES = {}


def collaboration_path(collaborators, source, target):
    for artist in (source, target):
        if artist not in collaborators:
            raise KeyError(artist)
    if source not in _TREES:
        parent, queue = {source: None}, deque([source])
        while queue:
            artist = queue.popleft()
            for other in collaborators[artist]:
                if other not in parent:
                    parent[other] = artist
                    queue.append(other)
        _TREES[source] = parent
    parent = _TREES[source]
    if target not in parent:
        return None
    path, artist = [], target
    while artist is not None:
        path.append(artist)
        artist = parent[artist]
    return path[::-1]
""",
    ),
    # scale
    "visited_map_over_every_artist": (
        "scale_n",
        swap(
            GOOD,
            (
                "    parents = [{source: None}, {target: None}]\n",
                "    seen = {artist: False for artist in collaborators}\n    parents = [{source: None}, {target: None}]\n",
            ),
        ),
    ),
    "one_sided_bfs": ("scale_distance", BFS),
    "strict_alternation": (
        "scale_degree",
        swap(
            GOOD,
            (
                "    while frontiers[0] and frontiers[1]:\n        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1\n",
                "    turn = 0\n    while frontiers[0] and frontiers[1]:\n        side, turn = turn, 1 - turn\n",
            ),
        ),
    ),
}
