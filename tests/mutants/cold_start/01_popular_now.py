"""Plausible wrong answers to cold_start/01_popular_now."""

GOOD = """
import numpy as np


def popular_now(plays, now_ts, half_life_s=86_400, min_listeners=5, k=10, min_ms_played=30_000):
    if half_life_s <= 0 or k < 0 or min_listeners < 1:
        raise ValueError("bad parameters")
    streams = plays.loc[(plays["ms_played"] >= min_ms_played) & (plays["ts"] <= now_ts), ["user_id", "track_id", "ts"]]
    weight = np.exp2(-(now_ts - streams["ts"].to_numpy()) / half_life_s)
    table = streams.assign(weight=weight).groupby("track_id", as_index=False).agg(
        score=("weight", "sum"), listeners=("user_id", "nunique"))
    table = table[table["listeners"] >= min_listeners]
    table = table.sort_values(["score", "track_id"], ascending=[False, True], kind="stable")
    return table.head(k).reset_index(drop=True)[["track_id", "score", "listeners"]]
"""

MUTANTS = {
    "thirty_seconds_exclusive": GOOD.replace(
        'plays["ms_played"] >= min_ms_played', 'plays["ms_played"] > min_ms_played'
    ),
    "counts_plays_not_listeners": GOOD.replace(
        'listeners=("user_id", "nunique")', 'listeners=("user_id", "size")'
    ),
    "future_plays_included": GOOD.replace(' & (plays["ts"] <= now_ts)', ""),
    "decay_by_e_not_by_half": GOOD.replace("np.exp2(-(now_ts", "np.exp(-(now_ts"),
    "ties_by_track_id_descending": GOOD.replace(
        "ascending=[False, True]", "ascending=[False, False]"
    ),
    "no_validation": GOOD.replace('        raise ValueError("bad parameters")', "        pass"),
    "weights_written_into_the_callers_frame": GOOD.replace(
        '    weight = np.exp2(-(now_ts - streams["ts"].to_numpy()) / half_life_s)\n',
        '    plays["weight"] = np.exp2(-(now_ts - plays["ts"].to_numpy()) / half_life_s)\n    weight = plays.loc[streams.index, "weight"].to_numpy()\n',
    ),
    "k_zero_means_no_limit_and_empty_input_returned_as_is": GOOD.replace(
        "table.head(k)", "(table.head(k) if k else table)"
    ).replace(
        "    streams = plays.loc",
        "    if plays.empty:\n        return plays\n    streams = plays.loc",
    ),
    "python_loop_over_rows": """
import pandas as pd


def popular_now(plays, now_ts, half_life_s=86_400, min_listeners=5, k=10, min_ms_played=30_000):
    if half_life_s <= 0 or k < 0 or min_listeners < 1:
        raise ValueError("bad parameters")
    score, users = {}, {}
    for row in plays.itertuples(index=False):
        if row.ms_played >= min_ms_played and row.ts <= now_ts:
            score[row.track_id] = score.get(row.track_id, 0.0) + 0.5 ** ((now_ts - row.ts) / half_life_s)
            users.setdefault(row.track_id, set()).add(row.user_id)
    kept = sorted(((t, s, len(users[t])) for t, s in score.items() if len(users[t]) >= min_listeners), key=lambda r: (-r[1], r[0]))
    return pd.DataFrame(kept[:k], columns=["track_id", "score", "listeners"])
""",
}
