"""Plausible wrong answers to graphs/02_degrees_of_separation."""

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
    "one_sided_bfs": BFS,
    "depth_first_search_is_not_shortest": BFS.replace("queue.popleft()", "queue.pop()"),
    "unknown_artist_gives_none": BFS.replace("raise KeyError(artist)", "return None"),
    "no_chain_gives_empty_list": BFS.replace("    return None\n", "    return []\n"),
    "same_artist_gives_empty_chain": BFS.replace(
        "    parent, queue", "    if source == target:\n        return []\n    parent, queue"
    ),
    "path_misses_the_source": BFS.replace("return path[::-1]", "return path[::-1][1:]"),
    "case_insensitive_lookup": BFS.replace(
        "    for artist in (source, target):",
        "    source, target = source.lower(), target.lower()\n    for artist in (source, target):",
    ),
    "marks_visited_by_emptying_the_graph": BFS.replace(
        "        for other in collaborators[artist]:",
        "        neighbours, collaborators[artist] = collaborators[artist], set()\n        for other in neighbours:",
    ),
}
