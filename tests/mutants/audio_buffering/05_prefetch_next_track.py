"""Plausible wrong answers to audio_buffering/05_prefetch_next_track, each breaking one clause."""

from workbook.contract import swap

GOOD = '''
from typing import NamedTuple


class Track(NamedTuple):
    """One track: its length, its bitrate, whether it is on disk, and when peers are found."""

    track_id: str
    duration_ms: int
    kbps: int
    cached: bool = False
    peer_found_ms: int | None = None


class Play(NamedTuple):
    """One play of a session: the track, how long it is listened to, and the queue's next track."""

    track: Track
    listen_ms: int | None = None
    up_next: Track | None = None


class PlayRecord(NamedTuple):
    """What happened to one play: where its audio came from, the wait, the bytes thrown away."""

    track_id: str
    source: str
    gap_ms: int
    start_ms: int
    wasted_bytes: int


def prefetch_timeline(
    session: list[Play],
    *,
    peer_kbps: int = 1_000,
    server_kbps: int = 2_000,
    peer_lead_ms: int = 30_000,
    server_lead_ms: int = 10_000,
    start_buffer_ms: int = 1_000,
) -> list[PlayRecord]:
    """One PlayRecord per play: source, gap before playback, and wasted prefetch bytes."""
    for name, value in (
        ("peer_kbps", peer_kbps),
        ("server_kbps", server_kbps),
        ("start_buffer_ms", start_buffer_ms),
    ):
        _check_int(name, value, low=1)
    _check_int("peer_lead_ms", peer_lead_ms, low=0)
    _check_int("server_lead_ms", server_lead_ms, low=0)
    if server_lead_ms > peer_lead_ms:
        raise ValueError(
            f"server_lead_ms must be <= peer_lead_ms, got {server_lead_ms} > {peer_lead_ms}"
        )
    if not isinstance(session, list | tuple):
        raise TypeError(f"session must be a list of Play, got {type(session).__name__}")
    for play in session:
        _check_play(play)

    records: list[PlayRecord] = []
    download = None  # (source, start_ms, kbps) of the next play's fetch when a play ends
    clock = 0  # when the previous play ended (0 before the first play)
    for i, play in enumerate(session):
        track = play.track
        if track.cached:
            source, gap = "cache", 0
        else:
            source, begun, kbps = download or ("server", clock, server_kbps)
            need = _ceil_div(min(start_buffer_ms, track.duration_ms) * track.kbps, 8)
            gap = max(0, begun + _ceil_div(8 * need, kbps) - clock)
        start = clock + gap
        end = start + (track.duration_ms if play.listen_ms is None else play.listen_ms)
        download, wasted, nxt = None, 0, play.up_next
        if i + 1 < len(session) and nxt is not None and not nxt.cached:
            search = max(start, start + track.duration_ms - peer_lead_ms)
            fallback = max(start, start + track.duration_ms - server_lead_ms)
            under_way = _under_way(nxt, search, fallback, end, peer_kbps, server_kbps)
            if session[i + 1].track == nxt:
                download = under_way
            elif under_way is not None:  # a jump: the prefetch is thrown away
                wasted = _bytes_by(nxt, under_way, end)
        records.append(PlayRecord(track.track_id, source, gap, start, wasted))
        clock = end
    return records


def _under_way(nxt, search, fallback, end, peer_kbps, server_kbps):
    """(source, start_ms, kbps) of the prefetch of nxt under way when the play ends, or None."""
    if nxt.peer_found_ms is not None and search + nxt.peer_found_ms <= fallback:
        found = search + nxt.peer_found_ms
        return ("peer", found, peer_kbps) if found <= end else None
    return ("server", fallback, server_kbps) if fallback <= end else None


def _bytes_by(track, download, moment):
    """Bytes of track downloaded by `moment` (an int, at most the whole track)."""
    _, begun, kbps = download
    size = _ceil_div(track.duration_ms * track.kbps, 8)
    return min(size, max(0, moment - begun) * kbps // 8)


def _ceil_div(a, b):
    return -(-a // b)


def _check_int(name, value, low):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")


def _check_track(track):
    if not isinstance(track, Track):
        raise TypeError(f"expected a Track, got {track!r}")
    if not isinstance(track.track_id, str):
        raise TypeError(f"track_id must be a str, got {track.track_id!r}")
    _check_int("duration_ms", track.duration_ms, low=1)
    _check_int("kbps", track.kbps, low=1)
    if not isinstance(track.cached, bool):
        raise TypeError(f"cached must be a bool, got {track.cached!r}")
    if track.peer_found_ms is not None:
        _check_int("peer_found_ms", track.peer_found_ms, low=0)


def _check_play(play):
    if not isinstance(play, Play):
        raise TypeError(f"session must hold Play tuples, got {play!r}")
    _check_track(play.track)
    if play.listen_ms is not None:
        _check_int("listen_ms", play.listen_ms, low=0)
        if play.listen_ms > play.track.duration_ms:
            raise ValueError(
                f"listen_ms must be <= duration_ms, got {play.listen_ms} > {play.track.duration_ms}"
            )
    if play.up_next is not None:
        _check_track(play.up_next)
'''


SEARCH = "            search = max(start, start + track.duration_ms - peer_lead_ms)\n"
FALLBACK = "            fallback = max(start, start + track.duration_ms - server_lead_ms)\n"
PEER_IF = "    if nxt.peer_found_ms is not None and search + nxt.peer_found_ms <= fallback:\n"
PEER_RET = '        return ("peer", found, peer_kbps) if found <= end else None\n'
SERVER_RET = '    return ("server", fallback, server_kbps) if fallback <= end else None\n'
GAP = "            gap = max(0, begun + _ceil_div(8 * need, kbps) - clock)\n"
NEED = "            need = _ceil_div(min(start_buffer_ms, track.duration_ms) * track.kbps, 8)\n"
WASTE = "    return min(size, max(0, moment - begun) * kbps // 8)\n"
REACHED = "            if session[i + 1].track == nxt:\n"
PREFETCH_IF = "        if i + 1 < len(session) and nxt is not None and not nxt.cached:\n"
END = "        end = start + (track.duration_ms if play.listen_ms is None else play.listen_ms)\n"

MUTANTS = {
    # returns
    "records_are_plain_tuples": (
        "returns",
        swap(GOOD, ("records.append(PlayRecord(", "records.append((")),
    ),
    "gap_is_a_float": (
        "returns",
        swap(GOOD, (GAP, "            gap = max(0.0, begun + 8 * need / kbps - clock)\n")),
    ),
    "source_is_capitalised": (
        "returns",
        swap(GOOD, ('source, gap = "cache", 0', 'source, gap = "Cache", 0')),
    ),
    # clock
    "start_ignores_the_gap": (
        "clock",
        swap(GOOD, ("        start = clock + gap\n", "        start = clock\n")),
    ),
    "next_request_at_the_natural_end": (
        "clock",
        swap(GOOD, ("        clock = end\n", "        clock = start + track.duration_ms\n")),
    ),
    # triggers
    "search_30_s_after_the_start": (
        "triggers",
        swap(GOOD, (SEARCH, "            search = start + peer_lead_ms\n")),
    ),
    "triggers_count_back_from_the_skip": (
        "triggers",
        swap(
            GOOD,
            (SEARCH, "            search = max(start, end - peer_lead_ms)\n"),
            (FALLBACK, "            fallback = max(start, end - server_lead_ms)\n"),
        ),
    ),
    "short_track_triggers_before_it_starts": (
        "triggers",
        swap(
            GOOD,
            (SEARCH, "            search = start + track.duration_ms - peer_lead_ms\n"),
            (FALLBACK, "            fallback = start + track.duration_ms - server_lead_ms\n"),
        ),
    ),
    "fallback_counts_from_the_search": (
        "triggers",
        swap(GOOD, (FALLBACK, "            fallback = search + server_lead_ms\n")),
    ),
    # peer_rule
    "server_first": (
        "peer_rule",
        swap(
            GOOD,
            (PEER_IF, "    if False:\n"),
            (SERVER_RET, '    return ("server", search, server_kbps) if search <= end else None\n'),
        ),
    ),
    "a_find_at_the_fallback_is_too_late": (
        "peer_rule",
        swap(GOOD, (PEER_IF, PEER_IF.replace("<= fallback", "< fallback"))),
    ),
    "peers_whenever_found": (
        "peer_rule",
        swap(GOOD, (PEER_IF, "    if nxt.peer_found_ms is not None:\n")),
    ),
    "peer_found_counts_from_the_fallback": (
        "peer_rule",
        swap(
            GOOD,
            (
                "        found = search + nxt.peer_found_ms\n",
                "        found = fallback + nxt.peer_found_ms\n",
            ),
        ),
    ),
    # skip
    "skip_in_the_same_ms_cancels": (
        "skip",
        swap(
            GOOD,
            (PEER_RET, PEER_RET.replace("found <= end", "found < end")),
            (SERVER_RET, SERVER_RET.replace("fallback <= end", "fallback < end")),
        ),
    ),
    "search_continues_after_the_skip": (
        "skip",
        swap(GOOD, (PEER_RET, '        return ("peer", found, peer_kbps)\n')),
    ),
    "fallback_fires_after_the_skip": (
        "skip",
        swap(GOOD, (SERVER_RET, '    return ("server", fallback, server_kbps)\n')),
    ),
    # gap
    "gap_zero_once_a_prefetch_started": (
        "gap",
        swap(GOOD, (GAP, "            gap = 0 if download else _ceil_div(8 * need, kbps)\n")),
    ),
    "waits_for_the_whole_track": (
        "gap",
        swap(GOOD, (NEED, "            need = _ceil_div(track.duration_ms * track.kbps, 8)\n")),
    ),
    "start_buffer_not_capped_by_the_duration": (
        "gap",
        swap(GOOD, (NEED, "            need = _ceil_div(start_buffer_ms * track.kbps, 8)\n")),
    ),
    "cached_tracks_are_downloaded_too": (
        "gap",
        swap(GOOD, ("        if track.cached:\n", "        if False:\n")),
    ),
    "gap_from_the_download_start": (
        "gap",
        swap(GOOD, (GAP, "            gap = _ceil_div(8 * need, kbps)\n")),
    ),
    # units
    "kbps_read_as_kilobytes": (
        "units",
        swap(GOOD, (GAP, "            gap = max(0, begun + _ceil_div(need, kbps) - clock)\n")),
    ),
    "start_buffer_read_as_seconds": (
        "units",
        swap(GOOD, (NEED, NEED.replace("track.kbps, 8)", "track.kbps, 8000)"))),
    ),
    "bytes_rounded_down": (
        "units",
        swap(
            GOOD,
            (
                NEED,
                "            need = min(start_buffer_ms, track.duration_ms) * track.kbps // 8\n",
            ),
        ),
    ),
    "waste_rounded_up": (
        "units",
        swap(GOOD, (WASTE, "    return min(size, _ceil_div(max(0, moment - begun) * kbps, 8))\n")),
    ),
    # next_or_jump
    "same_track_id_is_the_same_track": (
        "next_or_jump",
        swap(GOOD, (REACHED, "            if session[i + 1].track.track_id == nxt.track_id:\n")),
    ),
    "a_jump_keeps_the_prefetch": (
        "next_or_jump",
        swap(GOOD, (REACHED, "            if True:\n")),
    ),
    # waste
    "partial_prefetch_not_wasted": (
        "waste",
        swap(
            GOOD,
            (
                WASTE,
                "    got = max(0, moment - begun) * kbps // 8\n    return size if got >= size else 0\n",
            ),
        ),
    ),
    "waste_not_capped_at_the_track": (
        "waste",
        swap(GOOD, (WASTE, "    return max(0, moment - begun) * kbps // 8\n")),
    ),
    "waste_counted_on_the_next_record": (
        "waste",
        swap(
            GOOD,
            ("    clock = 0  # when", "    owed = 0\n    clock = 0  # when"),
            (
                "records.append(PlayRecord(track.track_id, source, gap, start, wasted))",
                "records.append(PlayRecord(track.track_id, source, gap, start, owed))\n"
                "        owed = wasted",
            ),
        ),
    ),
    "last_play_wastes_its_prefetch": (
        "waste",
        swap(
            GOOD,
            (PREFETCH_IF, "        if nxt is not None and not nxt.cached:\n"),
            (REACHED, "            if i + 1 < len(session) and session[i + 1].track == nxt:\n"),
        ),
    ),
    # errors
    "listen_longer_than_the_track_accepted": (
        "errors",
        swap(
            GOOD, ("        if play.listen_ms > play.track.duration_ms:\n", "        if False:\n")
        ),
    ),
    "bools_and_floats_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "    if isinstance(value, bool) or not isinstance(value, int):\n",
                "    if not isinstance(value, int | float):\n",
            ),
        ),
    ),
    "leads_in_any_order": (
        "errors",
        swap(GOOD, ("    if server_lead_ms > peer_lead_ms:\n", "    if False:\n")),
    ),
    "zero_rate_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "        _check_int(name, value, low=1)\n",
                "        _check_int(name, value, low=0)\n",
            ),
        ),
    ),
    # inputs
    "fills_in_listen_ms_in_place": (
        "inputs",
        swap(
            GOOD,
            (
                "        track = play.track\n        if track.cached:",
                "        track = play.track\n"
                "        if play.listen_ms is None:\n"
                "            play = session[i] = play._replace(listen_ms=track.duration_ms)\n"
                "        if track.cached:",
            ),
        ),
    ),
    "tuple_session_rejected": (
        "inputs",
        swap(
            GOOD,
            (
                "    if not isinstance(session, list | tuple):",
                "    if not isinstance(session, list):",
            ),
        ),
    ),
    # scale
    "steps_through_every_millisecond": (
        "scale",
        swap(
            GOOD,
            (
                END,
                "        end = start\n        for _ in range(track.duration_ms if play.listen_ms is None else play.listen_ms):\n            end += 1\n",
            ),
        ),
    ),
}
