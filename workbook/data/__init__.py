"""The workbook's small synthetic datasets: a seeded generator and typed loaders."""

from workbook.data.load import (
    load_artists,
    load_collaborations,
    load_events,
    load_friendships,
    load_plays,
    load_throughput,
    load_tracks,
)

__all__ = [
    "load_artists",
    "load_collaborations",
    "load_events",
    "load_friendships",
    "load_plays",
    "load_throughput",
    "load_tracks",
]
