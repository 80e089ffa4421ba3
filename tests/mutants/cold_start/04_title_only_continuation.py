"""Plausible wrong answers to cold_start/04_title_only_continuation, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

NORMALIZE = """
def normalize_title(title):
    if not isinstance(title, str):
        raise TypeError(f"title must be a str, got {title!r}")
    decomposed = unicodedata.normalize("NFKD", title.lower())
    kept = (
        ch if ch.isalnum() or ch.isspace() else " "
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return " ".join("".join(kept).split())
"""

RECOMMEND = """
def recommend_for_title(title, slices, k):
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an int, got {k!r}")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    wanted = normalize_title(title)
    matching, popularity = Counter(), Counter()
    for playlist in (p for s in slices for p in s["playlists"]):
        uris = {track["track_uri"] for track in playlist["tracks"]}
        popularity.update(uris)
        if wanted and normalize_title(playlist["name"]) == wanted:
            matching.update(uris)
    ranked = sorted(matching, key=lambda uri: (-matching[uri], -popularity[uri], uri))[:k]
    if len(ranked) < k:
        chosen = set(ranked)
        rest = sorted((u for u in popularity if u not in chosen), key=lambda u: (-popularity[u], u))
        ranked += rest[: k - len(ranked)]
    return ranked
"""


MUTANTS = {
    # normalize
    "punctuation_deleted_not_spaced": (
        "normalize",
        swap(
            NORMALIZE,
            (
                'ch if ch.isalnum() or ch.isspace() else " "',
                'ch if ch.isalnum() or ch.isspace() else ""',
            ),
        ),
    ),
    "ascii_only": (
        "normalize",
        swap(
            NORMALIZE,
            (
                "ch if ch.isalnum() or ch.isspace()",
                "ch if (ch.isascii() and ch.isalnum()) or ch.isspace()",
            ),
        ),
    ),
    "accents_kept": (
        "normalize",
        swap(
            NORMALIZE,
            ("        if not unicodedata.combining(ch)\n", ""),
            (
                'unicodedata.normalize("NFKD", title.lower())',
                'unicodedata.normalize("NFC", title.lower())',
            ),
        ),
    ),
    "casefold": ("normalize", swap(NORMALIZE, ("title.lower()", "title.casefold()"))),
    "whitespace_not_collapsed": (
        "normalize",
        swap(
            NORMALIZE,
            ('    return " ".join("".join(kept).split())', '    return "".join(kept).strip()'),
        ),
    ),
    "only_ascii_punctuation_removed": (
        "normalize",
        swap(
            NORMALIZE,
            (
                'ch if ch.isalnum() or ch.isspace() else " "',
                'ch if ch not in "!\\"#$%&\'()*+,-./:;<=>?@[\\\\]^_`{|}~" else " "',
            ),
        ),
    ),
    "nfd_not_nfkd": ("normalize", swap(NORMALIZE, ('"NFKD"', '"NFD"'))),
    # matching
    "substring_match": (
        "matching",
        swap(
            RECOMMEND,
            (
                'normalize_title(playlist["name"]) == wanted',
                'wanted in normalize_title(playlist["name"])',
            ),
        ),
    ),
    "raw_names_compared": (
        "matching",
        swap(
            RECOMMEND, ('normalize_title(playlist["name"]) == wanted', 'playlist["name"] == title')
        ),
    ),
    "empty_title_matches_empty_names": (
        "matching",
        swap(RECOMMEND, ("if wanted and normalize_title", "if normalize_title")),
    ),
    "name_lowercased_only": (
        "matching",
        swap(
            RECOMMEND,
            (
                'normalize_title(playlist["name"]) == wanted',
                'playlist["name"].lower().strip() == wanted',
            ),
        ),
    ),
    # counting
    "repeats_counted": (
        "counting",
        swap(
            RECOMMEND,
            (
                "            matching.update(uris)\n",
                '            matching.update(t["track_uri"] for t in playlist["tracks"])\n',
            ),
        ),
    ),
    # ranking
    "ties_by_uri_only": (
        "ranking",
        swap(
            RECOMMEND,
            (
                "key=lambda uri: (-matching[uri], -popularity[uri], uri)",
                "key=lambda uri: (-matching[uri], uri)",
            ),
        ),
    ),
    "ties_case_insensitive": (
        "ranking",
        swap(
            RECOMMEND,
            (
                "key=lambda uri: (-matching[uri], -popularity[uri], uri))[:k]",
                "key=lambda uri: (-matching[uri], -popularity[uri], uri.lower()))[:k]",
            ),
        ),
    ),
    "popularity_first": (
        "ranking",
        swap(
            RECOMMEND,
            (
                "key=lambda uri: (-matching[uri], -popularity[uri], uri)",
                "key=lambda uri: (-popularity[uri], -matching[uri], uri)",
            ),
        ),
    ),
    "popularity_from_matching_only": (
        "ranking",
        swap(
            RECOMMEND,
            (
                "        popularity.update(uris)\n",
                "        if wanted and normalize_title(playlist['name']) != wanted:\n            popularity.update(uris)\n",
            ),
        ),
    ),
    # fallback
    "no_fallback": ("fallback", swap(RECOMMEND, ("    if len(ranked) < k:", "    if False:"))),
    "fallback_repeats_tracks": (
        "fallback",
        swap(RECOMMEND, ("(u for u in popularity if u not in chosen)", "(u for u in popularity)")),
    ),
    "fallback_by_uri": (
        "fallback",
        swap(RECOMMEND, ("key=lambda u: (-popularity[u], u))", "key=lambda u: u)")),
    ),
    # returns
    "slices_modified": (
        "returns",
        swap(
            RECOMMEND,
            (
                '        uris = {track["track_uri"] for track in playlist["tracks"]}\n',
                '        playlist["tracks"].sort(key=lambda t: t["track_uri"])\n        uris = {track["track_uri"] for track in playlist["tracks"]}\n',
            ),
        ),
    ),
    "first_slice_only": (
        "returns",
        swap(
            RECOMMEND,
            ('(p for s in slices for p in s["playlists"])', '(p for p in slices[0]["playlists"])'),
        ),
    ),
    "k_zero_returns_everything": ("returns", swap(RECOMMEND, ("[:k]", "[: k or None]"))),
    # errors
    "negative_k_is_empty": (
        "errors",
        swap(
            RECOMMEND,
            (
                '    if k < 0:\n        raise ValueError(f"k must be >= 0, got {k}")\n',
                "    k = max(k, 0)\n",
            ),
        ),
    ),
    "float_k_accepted": (
        "errors",
        swap(
            RECOMMEND,
            (
                '    if isinstance(k, bool) or not isinstance(k, int):\n        raise TypeError(f"k must be an int, got {k!r}")\n',
                "    k = int(k)\n",
            ),
        ),
    ),
    "title_not_checked": (
        "errors",
        swap(
            NORMALIZE,
            (
                '    if not isinstance(title, str):\n        raise TypeError(f"title must be a str, got {title!r}")\n',
                "    title = str(title)\n",
            ),
        ),
    ),
    # scale
    "rescan_per_track": (
        "scale",
        swap(
            RECOMMEND,
            (
                "        popularity.update(uris)\n",
                "        popularity.update(uris)\n        for uri in uris:\n            sum(uri in {t['track_uri'] for t in q['tracks']} for q in s['playlists'][:40] for s in slices[:1])\n",
            ),
        ),
    ),
}
