"""The datasets regenerate byte for byte, and data/README.md lists their checksums."""

from conftest import ROOT

from workbook.data import generate, load_collaborations, load_events, load_plays


def test_regenerating_the_data_reproduces_the_committed_files_and_checksums(tmp_path):
    (tmp_path / "README.md").write_text(
        (ROOT / "data" / "README.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for path in generate.write_all(tmp_path):
        committed = ROOT / "data" / path.name
        assert path.read_bytes() == committed.read_bytes(), (
            f"{path.name} differs: run `workbook data` and commit"
        )
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for path in tmp_path.glob("*.csv"):
        assert f"`{generate.sha256(path)}`" in readme, (
            f"data/README.md lacks the checksum of {path.name}"
        )


def test_plays_have_the_documented_shape():
    plays = load_plays()
    assert list(plays.columns) == ["user_id", "track_id", "ts", "ms_played"]
    assert plays.ts.is_monotonic_increasing
    counts = plays.track_id.value_counts()
    assert counts.iloc[: len(counts) // 100].sum() > 0.15 * len(plays), (
        "popularity should be heavy-tailed"
    )
    assert 0.15 < (plays.ms_played < 30_000).mean() < 0.35


def test_events_contain_retried_duplicates_and_late_arrivals():
    events = load_events()
    assert events.event_id.duplicated().mean() > 0.01
    assert ((events.received_ts - events.event_ts) > 3_600_000).mean() > 0.01
    assert not events.event_ts.is_monotonic_increasing


def test_collaboration_graph_has_islands_and_isolated_artists():
    edges = load_collaborations()
    connected = set(edges.artist_a) | set(edges.artist_b)
    assert len(connected) < 800 and (edges.artist_a < edges.artist_b).all()
