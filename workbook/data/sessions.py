"""A synthetic week of listening sessions shaped like Spotify's Music Streaming Sessions Dataset.

The real dataset (Brost, Mehrotra & Jehan, "The Music Streaming Sessions Dataset", WWW 2019)
has a research licence, so the workbook generates its own rows with the same kind of columns:
skip flags, the play's position in its session, the context it was played from, shuffle and
the listener's tier. Every effect below is planted by this generator (the constants are the
workbook's, not published figures), so an analysis can be checked against the truth.
"""

import numpy as np
import pandas as pd

CONTEXTS = (
    "editorial_playlist",
    "user_collection",
    "radio",
    "catalog",
    "charts",
    "personalized_playlist",
)
COLUMNS = (
    "session_id",
    "user_id",
    "date",
    "session_position",
    "session_length",
    "track_id",
    "context_type",
    "shuffle",
    "skip_1",
    "skip_2",
    "skip_3",
    "not_skipped",
    "premium",
)
START = "2026-03-02"  # a Monday
# Planted effects, on the log-odds of skip_2 (the workbook's constants).
CONTEXT_LOGIT = np.array([-0.45, -1.15, -0.10, -0.70, 0.15, -0.60])
SHUFFLE_PROB = np.array([0.40, 0.55, 0.05, 0.35, 0.30, 0.40])  # shuffle depends on the context
POSITION_LOGIT = 0.055  # per position after the first
SHUFFLE_LOGIT = 0.45
PREMIUM_LOGIT = -0.25
USER_SD, SESSION_SD = 0.6, 0.5  # listeners and sessions differ: plays are not independent
DUPLICATE_SHARE = 0.004  # rows a client uploaded twice


def listening_sessions(
    seed: int = 2019, n_users: int = 500, days: int = 7, duplicates: bool = True
) -> pd.DataFrame:
    """One row per play, `days` days from 2026-03-02, about 110 rows per listener.

    Columns (dtypes): session_id, user_id, session_position, session_length, track_id (int64);
    date (datetime64[ns], midnight); context_type (category, the six CONTEXTS in that order);
    shuffle, skip_1, skip_2, skip_3, not_skipped, premium (bool). Flags are nested:
    skip_1 implies skip_2 implies skip_3, and not_skipped == not skip_3. Rows come in no
    particular order, and with `duplicates` about 0.4 % of them are exact copies of another row.
    """
    rng = np.random.default_rng(seed)
    premium = rng.random(n_users) < 0.45
    user_effect = rng.normal(0.0, USER_SD, n_users)
    first_day = np.where(rng.random(n_users) < 0.4, 0, rng.integers(0, days, n_users))
    # Day-k activity after the first day: a retention curve that decays and flattens.
    since = np.arange(days)[None, :] - first_day[:, None]
    p_active = np.where(since == 0, 1.0, 0.28 + 0.42 * np.exp(-(since - 1) / 1.5))
    active = (since >= 0) & (rng.random((n_users, days)) < p_active)
    user_of_day, day = np.nonzero(active)
    per_day = rng.integers(1, 4, len(day))  # 1-3 sessions on an active day
    s_user, s_day = np.repeat(user_of_day, per_day), np.repeat(day, per_day)
    n_sessions = len(s_user)
    length = rng.integers(10, 21, n_sessions)
    context = rng.choice(len(CONTEXTS), n_sessions, p=[0.2, 0.25, 0.12, 0.13, 0.1, 0.2])
    shuffle = rng.random(n_sessions) < SHUFFLE_PROB[context]
    session_effect = rng.normal(0.0, SESSION_SD, n_sessions)

    row_session = np.repeat(np.arange(n_sessions), length)
    starts = np.cumsum(length) - length
    position = np.arange(len(row_session)) - np.repeat(starts, length) + 1
    user = s_user[row_session]
    logit = (
        CONTEXT_LOGIT[context[row_session]]
        + POSITION_LOGIT * (position - 1)
        + SHUFFLE_LOGIT * shuffle[row_session]
        + PREMIUM_LOGIT * premium[user]
        + user_effect[user]
        + session_effect[row_session]
    )
    skip_2 = rng.random(len(logit)) < 1.0 / (1.0 + np.exp(-logit))
    skip_1 = skip_2 & (rng.random(len(logit)) < 0.6)
    skip_3 = skip_2 | (rng.random(len(logit)) < 0.25)
    n_tracks = 20_000
    weights = np.arange(1, n_tracks + 1, dtype=float) ** -0.9
    track = rng.choice(n_tracks, len(logit), p=weights / weights.sum())

    frame = pd.DataFrame(
        {
            "session_id": (row_session + 1).astype("int64"),
            "user_id": (user + 1).astype("int64"),
            "date": (pd.Timestamp(START) + pd.to_timedelta(s_day[row_session], unit="D")).astype(
                "datetime64[ns]"
            ),
            "session_position": position.astype("int64"),
            "session_length": length[row_session].astype("int64"),
            "track_id": track.astype("int64"),
            "context_type": pd.Categorical.from_codes(context[row_session], CONTEXTS),
            "shuffle": shuffle[row_session],
            "skip_1": skip_1,
            "skip_2": skip_2,
            "skip_3": skip_3,
            "not_skipped": ~skip_3,
            "premium": premium[user],
        }
    )
    order = rng.permutation(len(frame))
    if duplicates:
        copies = rng.choice(len(frame), int(DUPLICATE_SHARE * len(frame)), replace=False)
        order = rng.permutation(np.concatenate([order, copies]))
    return frame.iloc[order].reset_index(drop=True)
