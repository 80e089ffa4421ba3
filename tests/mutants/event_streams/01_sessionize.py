"""Plausible wrong answers to event_streams/01_sessionize, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
import numbers

import pandas as pd

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def sessionize(plays, gap_s=1800):
    if isinstance(gap_s, bool) or not isinstance(gap_s, numbers.Integral):
        raise TypeError(f"gap_s must be an int, got {gap_s!r}")
    if gap_s <= 0:
        raise ValueError(f"gap_s must be positive, got {gap_s}")
    ordered = plays[["user_id", "ts"]].sort_values(["user_id", "ts"], kind="stable")
    user, ts = ordered["user_id"], ordered["ts"]
    starts = user.ne(user.shift()) | ts.diff().ge(gap_s)
    grouped = ordered.groupby(starts.cumsum().to_numpy(), sort=False)
    sessions = pd.DataFrame({"user_id": grouped["user_id"].first(),
                             "start_ts": grouped["ts"].min().astype("int64"),
                             "end_ts": (grouped["ts"].max() + int(gap_s)).astype("int64"),
                             "plays": grouped.size().astype("int64")})
    sessions["session"] = sessions.groupby("user_id").cumcount().astype("int64")
    return sessions[COLUMNS].reset_index(drop=True)
"""

TYPE_CHECK = """    if isinstance(gap_s, bool) or not isinstance(gap_s, numbers.Integral):
        raise TypeError(f"gap_s must be an int, got {gap_s!r}")
"""
SIGN_CHECK = """    if gap_s <= 0:
        raise ValueError(f"gap_s must be positive, got {gap_s}")
"""

LOOP = """
import numbers

import pandas as pd

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def sessionize(plays, gap_s=1800):
    if isinstance(gap_s, bool) or not isinstance(gap_s, numbers.Integral):
        raise TypeError(f"gap_s must be an int, got {gap_s!r}")
    if gap_s <= 0:
        raise ValueError(f"gap_s must be positive, got {gap_s}")
    ordered = plays.sort_values(["user_id", "ts"], kind="stable")
    rows, user = [], None
    for u, t in zip(ordered["user_id"].tolist(), ordered["ts"].tolist()):
        if u != user:
            if user is not None:
                rows.append((user, number, start, last + gap_s, count))
            user, number, start, last, count = u, 0, t, t, 1
        elif t - last >= gap_s:
            rows.append((user, number, start, last + gap_s, count))
            number, start, last, count = number + 1, t, t, 1
        else:
            last, count = t, count + 1
    if user is not None:
        rows.append((user, number, start, last + gap_s, count))
    return pd.DataFrame(rows, columns=COLUMNS)
"""


MUTANTS = {
    # returns
    "index_not_reset": (
        "returns",
        swap(GOOD, ("sessions[COLUMNS].reset_index(drop=True)", "sessions[COLUMNS]")),
    ),
    "start_ts_forward_filled_as_float": (
        "returns",
        swap(
            GOOD,
            (
                '"start_ts": grouped["ts"].min().astype("int64"),',
                '"start_ts": pd.Series(__import__("numpy").where(starts, ts, float("nan")), index=ordered.index)'
                ".ffill().groupby(starts.cumsum().to_numpy(), sort=False).first(),",
            ),
        ),
    ),
    "columns_in_aggregation_order": (
        "returns",
        swap(
            GOOD,
            (
                "    return sessions[COLUMNS].reset_index(drop=True)",
                "    return sessions.reset_index(drop=True)",
            ),
        ),
    ),
    # boundaries
    "inclusive_gap_boundary": (
        "boundaries",
        swap(GOOD, ("ts.diff().ge(gap_s)", "ts.diff().gt(gap_s)")),
    ),
    "end_is_the_last_play": (
        "boundaries",
        swap(
            GOOD,
            (
                '(grouped["ts"].max() + int(gap_s)).astype("int64")',
                'grouped["ts"].max().astype("int64")',
            ),
        ),
    ),
    "gap_only_used_at_its_default": (
        "boundaries",
        swap(GOOD, ("ts.diff().ge(gap_s)", "ts.diff().ge(1800)")),
    ),
    # out_of_order
    "assumes_rows_arrive_sorted_by_time": (
        "out_of_order",
        swap(
            GOOD,
            (
                '.sort_values(["user_id", "ts"], kind="stable")',
                '.sort_values("user_id", kind="stable")',
            ),
        ),
    ),
    # duplicates
    "identical_rows_dropped": (
        "duplicates",
        swap(
            GOOD,
            (
                'plays[["user_id", "ts"]].sort_values',
                'plays[["user_id", "ts"]].drop_duplicates().sort_values',
            ),
        ),
    ),
    # numbering
    "sessions_numbered_globally": (
        "numbering",
        swap(
            GOOD, ('sessions.groupby("user_id").cumcount().astype("int64")', "range(len(sessions))")
        ),
    ),
    "sessions_numbered_from_one": (
        "numbering",
        swap(
            GOOD,
            (
                'sessions.groupby("user_id").cumcount().astype("int64")',
                '(sessions.groupby("user_id").cumcount() + 1).astype("int64")',
            ),
        ),
    ),
    # ordering
    "sorted_by_start_time": (
        "ordering",
        swap(
            GOOD,
            (
                "    return sessions[COLUMNS].reset_index(drop=True)",
                '    return sessions[COLUMNS].sort_values(["start_ts", "user_id"], kind="stable").reset_index(drop=True)',
            ),
        ),
    ),
    "case_insensitive_listener_order": (
        "ordering",
        swap(
            GOOD,
            (
                '.sort_values(["user_id", "ts"], kind="stable")',
                '.assign(key=plays["user_id"].str.lower()).sort_values(["key", "user_id", "ts"], kind="stable")[["user_id", "ts"]]',
            ),
        ),
    ),
    # last_session
    "loop_forgets_the_last_session": (
        "last_session",
        swap(
            LOOP,
            (
                "    if user is not None:\n        rows.append((user, number, start, last + gap_s, count))\n    return",
                "    return",
            ),
        ),
    ),
    # empty
    "empty_input_returned_as_is": (
        "empty",
        swap(GOOD, ("    ordered =", "    if plays.empty:\n        return plays\n    ordered =")),
    ),
    "tight_loop_builds_an_untyped_empty_frame": ("empty", LOOP),
    # errors
    "no_validation": ("errors", swap(GOOD, (TYPE_CHECK + SIGN_CHECK, ""))),
    "float_gap_accepted": ("errors", swap(GOOD, (TYPE_CHECK, ""))),
    "bool_gap_accepted": ("errors", swap(GOOD, ("isinstance(gap_s, bool) or ", ""))),
    "zero_gap_accepted": ("errors", swap(GOOD, ("    if gap_s <= 0:", "    if gap_s < 0:"))),
    "error_without_the_value": (
        "errors",
        swap(GOOD, ('f"gap_s must be positive, got {gap_s}"', '"gap_s must be positive"')),
    ),
    "sign_checked_before_type": (
        "errors",
        swap(GOOD, (TYPE_CHECK + SIGN_CHECK, SIGN_CHECK + TYPE_CHECK)),
    ),
    "empty_input_returned_before_validation": (
        "errors",
        swap(
            GOOD,
            (
                TYPE_CHECK,
                "    if plays.empty:\n"
                "        return pd.DataFrame({c: pd.Series([], dtype='str' if c == 'user_id' else 'int64') for c in COLUMNS})\n"
                + TYPE_CHECK,
            ),
        ),
    ),
    # no_mutation
    "sorts_the_callers_frame_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                '    ordered = plays[["user_id", "ts"]].sort_values(["user_id", "ts"], kind="stable")',
                '    plays.sort_values(["user_id", "ts"], inplace=True)\n    ordered = plays[["user_id", "ts"]]',
            ),
        ),
    ),
    "session_key_written_into_the_callers_frame": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    grouped = ordered.groupby(starts.cumsum().to_numpy(), sort=False)",
                '    plays["session_key"] = starts.cumsum()\n'
                "    grouped = ordered.groupby(starts.cumsum().to_numpy(), sort=False)",
            ),
        ),
    ),
    # stateless
    "open_sessions_carried_over_between_calls": (
        "stateless",
        swap(
            GOOD,
            ('COLUMNS = ["user_id"', '_OPEN = {}\n\nCOLUMNS = ["user_id"'),
            (
                "    return sessions[COLUMNS].reset_index(drop=True)",
                "    for row in sessions.itertuples():\n"
                "        first = _OPEN.setdefault(row.user_id, row.start_ts)\n"
                "        if row.session == 0 and row.start_ts - first < gap_s:\n"
                "            sessions.loc[row.Index, 'start_ts'] = first\n"
                "    return sessions[COLUMNS].reset_index(drop=True)",
            ),
        ),
    ),
    # scale
    "iterrows_over_sorted_rows": (
        "scale_rows",
        swap(
            LOOP,
            (
                '    for u, t in zip(ordered["user_id"].tolist(), ordered["ts"].tolist()):',
                '    for _, row in ordered.iterrows():\n        u, t = row["user_id"], int(row["ts"])',
            ),
            (
                "    return pd.DataFrame(rows, columns=COLUMNS)",
                "    if not rows:\n"
                "        return pd.DataFrame({c: pd.Series([], dtype='str' if c == 'user_id' else 'int64') for c in COLUMNS})\n"
                "    return pd.DataFrame(rows, columns=COLUMNS)",
            ),
        ),
    ),
    "loop_per_listener": (
        "scale_listeners",
        """
import numbers

import numpy as np
import pandas as pd

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def sessionize(plays, gap_s=1800):
    if isinstance(gap_s, bool) or not isinstance(gap_s, numbers.Integral):
        raise TypeError(f"gap_s must be an int, got {gap_s!r}")
    if gap_s <= 0:
        raise ValueError(f"gap_s must be positive, got {gap_s}")
    rows = []
    for user, group in plays.groupby("user_id"):
        ts = np.sort(group["ts"].to_numpy())
        cuts = np.flatnonzero(np.diff(ts) >= gap_s) + 1
        for number, part in enumerate(np.split(ts, cuts)):
            rows.append((user, number, int(part[0]), int(part[-1]) + gap_s, len(part)))
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype="str" if c == "user_id" else "int64") for c in COLUMNS})
    return pd.DataFrame(rows, columns=COLUMNS)
""",
    ),
}
