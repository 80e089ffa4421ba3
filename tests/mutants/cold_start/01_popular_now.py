"""Plausible wrong answers to cold_start/01_popular_now, each breaking one contract clause."""

GOOD = """
import numpy as np
import pandas as pd


def popular_now(plays, now_ts, half_life_s=86_400, min_listeners=5, k=10, min_ms_played=30_000):
    if not half_life_s > 0:
        raise ValueError(f"half_life_s must be > 0, got {half_life_s}")
    if min_listeners < 1:
        raise ValueError(f"min_listeners must be >= 1, got {min_listeners}")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    if min_ms_played < 0:
        raise ValueError(f"min_ms_played must be >= 0, got {min_ms_played}")
    streams = plays.loc[(plays["ms_played"] >= min_ms_played) & (plays["ts"] <= now_ts), ["user_id", "track_id", "ts"]]
    weight = np.exp2(-(now_ts - streams["ts"].to_numpy(dtype="float64")) / half_life_s)
    table = streams.assign(weight=weight).groupby("track_id", as_index=False).agg(
        score=("weight", "sum"), listeners=("user_id", "nunique"))
    table = table[table["listeners"] >= min_listeners]
    table = table.sort_values(["score", "track_id"], ascending=[False, True])
    return table.head(k).reset_index(drop=True).astype({"score": "float64", "listeners": "int64"})
"""

VALIDATE = GOOD.split("    streams = ")[0]


def swap(*pairs: tuple[str, str]) -> str:
    """GOOD with each `old` replaced by `new`; fails loudly if `old` is not there."""
    source = GOOD
    for old, new in pairs:
        if old not in source:
            raise ValueError(f"mutant template does not contain {old!r}")
        source = source.replace(old, new)
    return source


LOOP_TAIL = """
    kept = sorted(((t, s, len(users[t])) for t, s in score.items() if len(users[t]) >= min_listeners),
                  key=lambda r: (-r[1], r[0]))
    return pd.DataFrame(kept[:k], columns=["track_id", "score", "listeners"])
"""

MUTANTS = {
    # returns
    "index_not_reset": (
        "returns",
        swap(("table.head(k).reset_index(drop=True)", "table.head(k)")),
    ),
    "track_id_left_as_the_index": (
        "returns",
        swap(
            ('groupby("track_id", as_index=False)', 'groupby("track_id")'),
            (
                'table.sort_values(["score", "track_id"], ascending=[False, True])',
                'table.rename_axis("track_id").sort_values(["score", "track_id"], ascending=[False, True])',
            ),
            ("table.head(k).reset_index(drop=True)", "table.head(k)"),
        ),
    ),
    "columns_in_another_order": (
        "returns",
        swap(
            (
                'score=("weight", "sum"), listeners=("user_id", "nunique")',
                'listeners=("user_id", "nunique"), score=("weight", "sum")',
            )
        ),
    ),
    # streams
    "thirty_seconds_exclusive": (
        "streams",
        swap(('plays["ms_played"] >= min_ms_played', 'plays["ms_played"] > min_ms_played')),
    ),
    "min_ms_played_only_at_its_default": (
        "streams",
        swap(('plays["ms_played"] >= min_ms_played', 'plays["ms_played"] >= 30_000')),
    ),
    "future_plays_included": (
        "streams",
        swap((' & (plays["ts"] <= now_ts)', "")),
    ),
    "a_play_at_now_excluded": (
        "streams",
        swap(('(plays["ts"] <= now_ts)', '(plays["ts"] < now_ts)')),
    ),
    # score
    "decay_by_e_not_by_half": ("score", swap(("np.exp2(-(now_ts", "np.exp(-(now_ts"))),
    "identical_rows_dropped": (
        "score",
        swap(
            ('["user_id", "track_id", "ts"]]', '["user_id", "track_id", "ts"]].drop_duplicates()')
        ),
    ),
    "one_stream_per_listener": (
        "score",
        swap(
            (
                "table = streams.assign(weight=weight)",
                'table = streams.assign(weight=weight).sort_values("ts").drop_duplicates(["user_id", "track_id"], keep="last")',
            )
        ),
    ),
    # tolerance
    "scores_rounded_for_display": (
        "tolerance",
        swap(
            (
                "table = table[table",
                'table["score"] = table["score"].round(6)\n    table = table[table',
            )
        ),
    ),
    # listeners
    "counts_plays_not_listeners": (
        "listeners",
        swap(('listeners=("user_id", "nunique")', 'listeners=("user_id", "size")')),
    ),
    "listeners_counted_over_all_plays": (
        "listeners",
        swap(
            (
                "table = table[table",
                'table["listeners"] = table["track_id"].map(plays.groupby("track_id")["user_id"].nunique())\n'
                "    table = table[table",
            )
        ),
    ),
    "min_listeners_exclusive": (
        "listeners",
        swap(('table["listeners"] >= min_listeners', 'table["listeners"] > min_listeners')),
    ),
    # ordering
    "ties_by_track_id_descending": (
        "ordering",
        swap(("ascending=[False, True]", "ascending=[False, False]")),
    ),
    "ties_in_order_of_first_play": (
        "ordering",
        swap(
            (
                'groupby("track_id", as_index=False)',
                'groupby("track_id", as_index=False, sort=False)',
            ),
            (
                'table.sort_values(["score", "track_id"], ascending=[False, True])',
                'table.sort_values("score", ascending=False, kind="stable")',
            ),
        ),
    ),
    # top_k
    "k_zero_means_no_limit": (
        "top_k",
        swap(("table.head(k)", "(table.head(k) if k else table)")),
    ),
    "nlargest_cuts_ties_in_order_of_first_play": (
        "top_k",
        swap(
            (
                'groupby("track_id", as_index=False)',
                'groupby("track_id", as_index=False, sort=False)',
            ),
            (
                'table.sort_values(["score", "track_id"], ascending=[False, True])',
                'table.nlargest(k, "score").sort_values(["score", "track_id"], ascending=[False, True])',
            ),
        ),
    ),
    "default_k_returns_everything": (
        "top_k",
        swap(
            ("min_listeners=5, k=10,", "min_listeners=5, k=None,"),
            ("    if k < 0:", "    if k is not None and k < 0:"),
        ),
    ),
    # empty
    "empty_result_built_by_hand": (
        "empty",
        swap(
            (
                "    table = table[table",
                '    if table.empty:\n        return pd.DataFrame(columns=["track_id", "score", "listeners"])\n'
                "    table = table[table",
            )
        ),
    ),
    "tight_loop_over_columns": (
        "empty",
        VALIDATE
        + """
    streams = plays[(plays["ms_played"] >= min_ms_played) & (plays["ts"] <= now_ts)]
    weights = np.exp2(-(now_ts - streams["ts"].to_numpy(dtype="float64")) / half_life_s).tolist()
    score, users = {}, {}
    for user, track, w in zip(streams["user_id"].tolist(), streams["track_id"].tolist(), weights):
        score[track] = score.get(track, 0.0) + w
        users.setdefault(track, set()).add(user)
"""
        + LOOP_TAIL,
    ),
    # errors
    "no_validation": ("errors", GOOD.replace(VALIDATE.split("):\n", 1)[1], "")),
    "zero_half_life_accepted": (
        "errors",
        swap(
            ("    if not half_life_s > 0:", "    if half_life_s < 0:"),
            ("    streams = ", "    half_life_s = half_life_s or 1e-9\n    streams = "),
        ),
    ),
    "negative_min_ms_played_accepted": (
        "errors",
        swap(("    if min_ms_played < 0:\n", "    if False:\n")),
    ),
    "error_without_the_value": (
        "errors",
        swap(
            ('f"half_life_s must be > 0, got {half_life_s}"', '"half_life_s must be positive"'),
            ('f"k must be >= 0, got {k}"', '"k must not be negative"'),
        ),
    ),
    "one_message_for_every_parameter": (
        "errors",
        swap(
            ('f"half_life_s must be > 0, got {half_life_s}"', '"invalid parameters"'),
            ('f"min_listeners must be >= 1, got {min_listeners}"', '"invalid parameters"'),
            ('f"k must be >= 0, got {k}"', '"invalid parameters"'),
            ('f"min_ms_played must be >= 0, got {min_ms_played}"', '"invalid parameters"'),
        ),
    ),
    "k_checked_first": (
        "errors",
        swap(
            (
                "    if not half_life_s > 0:",
                '    if k < 0:\n        raise ValueError(f"k must be >= 0, got {k}")\n    if not half_life_s > 0:',
            )
        ),
    ),
    "empty_plays_returned_before_validation": (
        "errors",
        swap(
            (
                "    if not half_life_s > 0:",
                "    if plays.empty:\n"
                '        return pd.DataFrame({"track_id": pd.Series([], dtype="str"), "score": pd.Series([], dtype="float64"), "listeners": pd.Series([], dtype="int64")})\n'
                "    if not half_life_s > 0:",
            )
        ),
    ),
    # no_mutation
    "weights_written_into_the_callers_frame": (
        "no_mutation",
        swap(
            (
                '    weight = np.exp2(-(now_ts - streams["ts"].to_numpy(dtype="float64")) / half_life_s)\n',
                '    plays["weight"] = np.exp2(-(now_ts - plays["ts"].to_numpy(dtype="float64")) / half_life_s)\n'
                '    weight = plays.loc[streams.index, "weight"].to_numpy()\n',
            )
        ),
    ),
    "future_plays_dropped_in_place": (
        "no_mutation",
        swap(
            (
                "    streams = ",
                '    plays.drop(plays.index[plays["ts"] > now_ts], inplace=True)\n    streams = ',
            )
        ),
    ),
    # stateless
    "cached_per_parameters": (
        "stateless",
        swap(
            ("def popular_now(", "_CACHE = {}\n\n\ndef popular_now("),
            (
                "    streams = ",
                "    key = (now_ts, half_life_s, min_listeners, k, min_ms_played)\n"
                "    if key in _CACHE:\n        return _CACHE[key].copy()\n    streams = ",
            ),
            (
                "    return table.head(k)",
                "    _CACHE[key] = table.head(k).reset_index(drop=True).astype({'score': 'float64', 'listeners': 'int64'})\n"
                "    return table.head(k)",
            ),
        ),
    ),
    # scale
    "itertuples_over_every_play": (
        "scale_rows",
        VALIDATE
        + """
    score, users = {}, {}
    for row in plays.itertuples(index=False):
        if row.ms_played >= min_ms_played and row.ts <= now_ts:
            score[row.track_id] = score.get(row.track_id, 0.0) + 0.5 ** ((now_ts - row.ts) / half_life_s)
            users.setdefault(row.track_id, set()).add(row.user_id)
    if not score:
        return pd.DataFrame({"track_id": plays["track_id"].iloc[:0], "score": pd.Series([], dtype="float64"),
                             "listeners": pd.Series([], dtype="int64")}).reset_index(drop=True)
"""
        + LOOP_TAIL,
    ),
    "python_loop_per_track": (
        "scale_tracks",
        VALIDATE
        + """
    streams = plays[(plays["ms_played"] >= min_ms_played) & (plays["ts"] <= now_ts)]
    rows = []
    for track, group in streams.groupby("track_id"):
        listeners = group["user_id"].nunique()
        if listeners >= min_listeners:
            rows.append((track, float(np.exp2(-(now_ts - group["ts"].to_numpy()) / half_life_s).sum()), listeners))
    rows.sort(key=lambda r: (-r[1], r[0]))
    tracks, scores, counts = zip(*rows[:k]) if rows[:k] else ((), (), ())
    return pd.DataFrame({"track_id": pd.Series(list(tracks), dtype=plays["track_id"].dtype),
                         "score": pd.Series(list(scores), dtype="float64"),
                         "listeners": pd.Series(list(counts), dtype="int64")})
""",
    ),
    "best_remaining_track_k_times": (
        "scale_k",
        swap(
            (
                '    table = table.sort_values(["score", "track_id"], ascending=[False, True])\n'
                "    return table.head(k)",
                "    picked, remaining = [table.iloc[:0]], table\n"
                "    for _ in range(min(k, len(table))):\n"
                '        top = remaining["score"].max()\n'
                '        best = remaining.loc[remaining["score"] == top, "track_id"].min()\n'
                '        picked.append(remaining[remaining["track_id"] == best])\n'
                '        remaining = remaining[remaining["track_id"] != best]\n'
                "    return pd.concat(picked)",
            )
        ),
    ),
}
