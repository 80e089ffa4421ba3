"""Plausible wrong answers to graphs/06_autocomplete, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
import unicodedata

K = 3


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Autocomplete:
    def __init__(self, tracks):
        ranked = []
        for title, popularity in tracks:
            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
            ranked.append((-popularity, title))
        ranked.sort()
        self._root = ({}, [])
        for _, title in ranked:
            children, top = self._root
            if len(top) < K:
                top.append(title)
            for char in search_key(title):
                children, top = children.setdefault(char, ({}, []))
                if len(top) < K:
                    top.append(title)

    def complete(self, prefix):
        children, top = self._root
        for char in search_key(prefix):
            node = children.get(char)
            if node is None:
                return []
            children, top = node
        return list(top)
"""

CHECKS = """            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
"""
KEY_BODY = """    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
"""
APPEND = """            if len(top) < K:
                top.append(title)
            for char in search_key(title):
                children, top = children.setdefault(char, ({}, []))
                if len(top) < K:
                    top.append(title)
"""


MUTANTS = {
    # returns
    "returns_a_tuple": (
        "returns",
        swap(GOOD, ("        return list(top)", "        return tuple(top)")),
    ),
    "returns_normalised_keys": (
        "returns",
        swap(GOOD, ("        return list(top)", "        return [search_key(t) for t in top]")),
    ),
    "an_object_that_equals_everything": (
        "returns",
        swap(
            GOOD,
            (
                "        return list(top)",
                "        class Anything(list):\n"
                "            def __eq__(self, other):\n"
                "                return True\n\n"
                "        return Anything(top)",
            ),
        ),
    ),
    # ranking
    "ties_by_title_descending": (
        "ranking",
        swap(
            GOOD,
            ("ranked.append((-popularity, title))", "ranked.append((popularity, title))"),
            ("        ranked.sort()", "        ranked.sort(reverse=True)"),
        ),
    ),
    "ties_by_normalised_key": (
        "ranking",
        swap(
            GOOD,
            (
                "ranked.append((-popularity, title))",
                "ranked.append((-popularity, search_key(title), title))",
            ),
            ("        for _, title in ranked:", "        for _, _, title in ranked:"),
        ),
    ),
    "least_popular_first": (
        "ranking",
        swap(GOOD, ("ranked.append((-popularity, title))", "ranked.append((popularity, title))")),
    ),
    # top_three
    "first_three_inserted": ("top_three", swap(GOOD, ("        ranked.sort()\n", ""))),
    "every_match_returned": (
        "top_three",
        swap(GOOD, (APPEND, APPEND.replace("if len(top) < K:", "if True:"))),
    ),
    # normalisation
    "lower_instead_of_casefold": ("normalisation", swap(GOOD, (".casefold()", ".lower()"))),
    "nfd_instead_of_nfkd": (
        "normalisation",
        swap(GOOD, ('normalize("NFKD", text)', 'normalize("NFD", text)')),
    ),
    "accents_kept": ("normalisation", swap(GOOD, (KEY_BODY, "    return text.casefold()\n"))),
    "ascii_encoding_drops_letters": (
        "normalisation",
        swap(
            GOOD,
            (
                KEY_BODY,
                '    decomposed = unicodedata.normalize("NFKD", text)\n'
                '    return decomposed.encode("ascii", "ignore").decode().casefold()\n',
            ),
        ),
    ),
    "prefix_only_casefolded": (
        "normalisation",
        swap(
            GOOD,
            ("        for char in search_key(prefix):", "        for char in prefix.casefold():"),
        ),
    ),
    # prefix
    "matches_any_word": (
        "prefix",
        swap(
            GOOD,
            (
                APPEND,
                """            if len(top) < K:
                top.append(title)
            key = search_key(title)
            starts = [0] + [i + 1 for i, c in enumerate(key) if c == " "]
            for start in starts:
                children, top = self._root
                for char in key[start:]:
                    children, top = children.setdefault(char, ({}, []))
                    if len(top) < K and title not in top:
                        top.append(title)
""",
            ),
        ),
    ),
    "prefix_stripped": (
        "prefix",
        swap(
            GOOD,
            (
                "        for char in search_key(prefix):",
                "        for char in search_key(prefix.strip()):",
            ),
        ),
    ),
    "empty_prefix_matches_nothing": (
        "prefix",
        swap(
            GOOD,
            (
                "        children, top = self._root\n        for char in search_key(prefix):",
                "        if not prefix:\n            return []\n"
                "        children, top = self._root\n        for char in search_key(prefix):",
            ),
        ),
    ),
    # duplicates
    "titles_kept_in_a_dict": (
        "duplicates",
        swap(
            GOOD,
            (
                "        ranked.sort()\n",
                "        ranked = sorted({title: (p, title) for p, title in ranked}.values())\n",
            ),
        ),
    ),
    "a_title_once_per_node": (
        "duplicates",
        swap(
            GOOD,
            (APPEND, APPEND.replace("if len(top) < K:", "if len(top) < K and title not in top:")),
        ),
    ),
    # errors
    "no_validation": ("errors", swap(GOOD, (CHECKS, ""))),
    "float_popularity_accepted": (
        "errors",
        swap(GOOD, ("not isinstance(popularity, int)", "not isinstance(popularity, (int, float))")),
    ),
    "bool_popularity_accepted": ("errors", swap(GOOD, ("isinstance(popularity, bool) or ", ""))),
    "range_not_checked": (
        "errors",
        swap(
            GOOD,
            (
                '            if not 0 <= popularity <= 100:\n                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")\n',
                "",
            ),
        ),
    ),
    "messages_without_the_title": (
        "errors",
        swap(
            GOOD,
            ('f"popularity of {title!r} must be an int', 'f"popularity must be an int'),
            ('f"popularity of {title!r} must be in 0..100', 'f"popularity must be in 0..100'),
        ),
    ),
    # independent
    "class_level_index": (
        "independent",
        swap(
            GOOD,
            ("class Autocomplete:\n", "class Autocomplete:\n    _root = ({}, [])\n\n"),
            ("        self._root = ({}, [])\n", ""),
        ),
    ),
    "returns_the_nodes_own_list": (
        "independent",
        swap(GOOD, ("        return list(top)", "        return top")),
    ),
    "lazy_index_over_the_callers_list": (
        "independent",
        """
import unicodedata


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Autocomplete:
    def __init__(self, tracks):
        if not isinstance(tracks, list):
            tracks = list(tracks)
        for title, popularity in tracks:
            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
        self._tracks = tracks  # indexed lazily, at the first query
        self._index = None

    def complete(self, prefix):
        if self._index is None:
            self._index = {}
            for _, title in sorted((-p, t) for t, p in self._tracks):
                key = search_key(title)
                for i in range(len(key) + 1):
                    bucket = self._index.setdefault(key[:i], [])
                    if len(bucket) < 3:
                        bucket.append(title)
        return list(self._index.get(search_key(prefix), []))
""",
    ),
    # input
    "two_passes_over_tracks": (
        "input",
        swap(
            GOOD,
            (
                "        ranked = []\n        for title, popularity in tracks:\n"
                + CHECKS
                + "            ranked.append((-popularity, title))\n",
                "        for title, popularity in tracks:\n"
                + CHECKS
                + "        ranked = [(-popularity, title) for title, popularity in tracks]\n",
            ),
        ),
    ),
    "sorts_the_callers_list": (
        "input",
        swap(
            GOOD,
            (
                "        ranked = []\n        for title, popularity in tracks:",
                "        if isinstance(tracks, list):\n"
                "            tracks.sort(key=lambda pair: (-pair[1], pair[0]))\n"
                "        ranked = []\n        for title, popularity in tracks:",
            ),
        ),
    ),
    # scale
    "scans_every_title": (
        "scale_catalogue",
        """
import heapq
import unicodedata


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Autocomplete:
    def __init__(self, tracks):
        self._entries = []
        for title, popularity in tracks:
            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
            self._entries.append((search_key(title), -popularity, title))

    def complete(self, prefix):
        key = search_key(prefix)
        found = ((p, t) for k, p, t in self._entries if k.startswith(key))
        return [t for _, t in heapq.nsmallest(3, found)]
""",
    ),
    "bisect_then_top_three_of_the_range": (
        "scale_matches",
        """
import bisect
import heapq
import unicodedata


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Autocomplete:
    def __init__(self, tracks):
        entries = []
        for title, popularity in tracks:
            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
            entries.append((search_key(title), -popularity, title))
        entries.sort()
        self._keys = [k for k, _, _ in entries]
        self._ranked = [(p, t) for _, p, t in entries]

    def complete(self, prefix):
        key = search_key(prefix)
        lo = bisect.bisect_left(self._keys, key)
        hi = bisect.bisect_left(self._keys, key + "\\U0010ffff")
        return [t for _, t in heapq.nsmallest(3, self._ranked[lo:hi])]
""",
    ),
    "precomputes_every_prefix_by_scanning": (
        "scale_build",
        """
import unicodedata


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Autocomplete:
    def __init__(self, tracks):
        entries = []
        for title, popularity in tracks:
            if not isinstance(title, str):
                raise TypeError(f"a title must be a str, got {title!r}")
            if isinstance(popularity, bool) or not isinstance(popularity, int):
                raise TypeError(f"popularity of {title!r} must be an int, got {popularity!r}")
            if not 0 <= popularity <= 100:
                raise ValueError(f"popularity of {title!r} must be in 0..100, got {popularity}")
            entries.append((search_key(title), -popularity, title))
        prefixes = {key[:i] for key, _, _ in entries for i in range(len(key) + 1)}
        self._answers = {}
        for prefix in prefixes:  # the answer to every possible query, each by a full scan
            found = sorted((p, t) for k, p, t in entries if k.startswith(prefix))
            self._answers[prefix] = [t for _, t in found[:3]]

    def complete(self, prefix):
        return list(self._answers.get(search_key(prefix), []))
""",
    ),
}
