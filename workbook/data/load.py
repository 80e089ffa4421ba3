"""Typed loaders for the datasets in data/ (schemas in data/README.md)."""

from pathlib import Path

import pandas as pd

from workbook import integrity
from workbook.paths import Layout


def _read(name: str, folder: Path | None, dtypes: dict) -> pd.DataFrame:
    layout = Layout()
    path = (folder or layout.data) / name
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; restore it with `workbook reset --data`")
    if folder is None:
        integrity.check_data_file(path, layout)
    return pd.read_csv(path, dtype=dtypes)


def load_artists(folder: Path | None = None) -> pd.DataFrame:
    """artist_id, name (unicode)."""
    return _read("artists.csv", folder, {"artist_id": str, "name": str})


def load_tracks(folder: Path | None = None) -> pd.DataFrame:
    """track_id, artist_id, duration_ms."""
    return _read("tracks.csv", folder, {"track_id": str, "artist_id": str, "duration_ms": "int64"})


def load_plays(folder: Path | None = None) -> pd.DataFrame:
    """user_id, track_id, ts (unix seconds, UTC), ms_played; sorted by ts."""
    dtypes = {"user_id": str, "track_id": str, "ts": "int64", "ms_played": "int64"}
    return _read("plays.csv", folder, dtypes)


def load_friendships(folder: Path | None = None) -> pd.DataFrame:
    """user_a, user_b: one undirected friendship per row, user_a < user_b."""
    return _read("friendships.csv", folder, {"user_a": str, "user_b": str})


def load_collaborations(folder: Path | None = None) -> pd.DataFrame:
    """artist_a, artist_b, shared_tracks: artists who released tracks together."""
    return _read(
        "collaborations.csv", folder, {"artist_a": str, "artist_b": str, "shared_tracks": "int64"}
    )


def load_events(folder: Path | None = None) -> pd.DataFrame:
    """event_id, user_id, event_type, event_ts, received_ts (unix ms); in arrival order."""
    dtypes = {
        "event_id": str,
        "user_id": str,
        "event_type": str,
        "event_ts": "int64",
        "received_ts": "int64",
    }
    return _read("events.csv", folder, dtypes)


def load_throughput(folder: Path | None = None) -> pd.DataFrame:
    """trace_id, t_s, kbps: one throughput sample per second per trace."""
    return _read("throughput.csv", folder, {"trace_id": str, "t_s": "int64", "kbps": "int64"})
