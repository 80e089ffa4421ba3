"""Plausible wrong answers to event_streams/01_sessionize."""

GOOD = """
import pandas as pd

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def sessionize(plays, gap_s=1800):
    if gap_s <= 0:
        raise ValueError(gap_s)
    ordered = plays[["user_id", "ts"]].sort_values(["user_id", "ts"], kind="stable")
    user, ts = ordered["user_id"], ordered["ts"]
    starts = user.ne(user.shift()) | ts.diff().ge(gap_s)
    grouped = ordered.groupby(starts.cumsum().to_numpy(), sort=False)
    sessions = pd.DataFrame({"user_id": grouped["user_id"].first(), "start_ts": grouped["ts"].min(),
                             "end_ts": grouped["ts"].max() + gap_s, "plays": grouped.size()})
    sessions["session"] = sessions.groupby("user_id").cumcount()
    return sessions[COLUMNS].reset_index(drop=True)
"""

MUTANTS = {
    "inclusive_gap_boundary": GOOD.replace("ts.diff().ge(gap_s)", "ts.diff().gt(gap_s)"),
    "assumes_rows_arrive_sorted": GOOD.replace(
        '.sort_values(["user_id", "ts"], kind="stable")', '.sort_values("user_id", kind="stable")'
    ),
    "end_is_the_last_play": GOOD.replace(
        '"end_ts": grouped["ts"].max() + gap_s', '"end_ts": grouped["ts"].max()'
    ),
    "sessions_numbered_globally": GOOD.replace(
        'sessions.groupby("user_id").cumcount()', "range(len(sessions))"
    ),
    "no_gap_validation_and_deduplicated_rows": GOOD.replace(
        "    if gap_s <= 0:\n        raise ValueError(gap_s)\n", ""
    ).replace('plays[["user_id", "ts"]]', 'plays[["user_id", "ts"]].drop_duplicates()'),
    "empty_input_returned_as_is": GOOD.replace(
        "    ordered =", "    if plays.empty:\n        return plays\n    ordered ="
    ),
    "sorts_the_callers_frame_in_place": GOOD.replace(
        '    ordered = plays[["user_id", "ts"]].sort_values(["user_id", "ts"], kind="stable")',
        '    plays.sort_values(["user_id", "ts"], inplace=True)\n    ordered = plays[["user_id", "ts"]]',
    ),
    "python_loop_per_listener": """
import pandas as pd


def sessionize(plays, gap_s=1800):
    if gap_s <= 0:
        raise ValueError(gap_s)
    out = []
    for user, group in plays.groupby("user_id"):
        number, start, last, count = 0, None, None, 0
        for row in group.sort_values("ts").itertuples():
            if last is not None and row.ts - last >= gap_s:
                out.append((user, number, start, last + gap_s, count))
                number, start, count = number + 1, None, 0
            start = row.ts if start is None else start
            last, count = row.ts, count + 1
        out.append((user, number, start, last + gap_s, count))
    return pd.DataFrame(out, columns=["user_id", "session", "start_ts", "end_ts", "plays"])
""",
}
