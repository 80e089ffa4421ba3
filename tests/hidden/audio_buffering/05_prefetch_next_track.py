"""Hidden tests for audio_buffering/05_prefetch_next_track: `prefetch_timeline`.

Defaults used in the hand-derived timelines: peers 1,000 kbps = 125 bytes/ms, server
2,000 kbps = 250 bytes/ms, leads 30,000 / 10,000 ms, start buffer 1,000 ms. The first second
of a 160 kbps track is 20,000 bytes: 80 ms from the server, 160 ms from the peers.
"""

import copy

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload


def R(track_id, source, gap_ms, start_ms, wasted_bytes=0):
    return PlayRecord(track_id, source, gap_ms, start_ms, wasted_bytes)


INTRO = Track("intro", 200_000, 160)
ANTHEM = Track("anthem", 180_000, 160, peer_found_ms=4_000)
RARE = Track("rare", 240_000, 320)
BALLAD = Track("ballad", 150_000, 160, cached=True)
B_SIDE = Track("b-side", 210_000, 320, peer_found_ms=2_000)
ENCORE = Track("encore", 30_000, 160)


# ---------------------------------------------------------------- the per-millisecond oracle


def replay(session, peer_kbps=1_000, server_kbps=2_000, peer_lead_ms=30_000,
           server_lead_ms=10_000, start_buffer_ms=1_000):  # fmt: skip
    """Step through the session one millisecond at a time. 1 kbps = 1 bit per ms, so a
    download adds `rate` bits each ms. Events at an instant are handled in the order
    search, peer find, server fallback, end of play."""
    out, now, carried = [], 0, None  # carried: [source, bits, rate] of the next track
    for i, play in enumerate(session):
        track = play.track
        requested = now
        if track.cached:
            source = "cache"
        else:
            if carried is None:
                carried = ["server", 0, server_kbps]
            source = carried[0]
            need = (min(start_buffer_ms, track.duration_ms) * track.kbps + 7) // 8
            while carried[1] < 8 * need:
                carried[1] += carried[2]
                now += 1
        start = now
        natural_end = start + track.duration_ms
        listened = track.duration_ms if play.listen_ms is None else play.listen_ms
        nxt, has_next = play.up_next, i + 1 < len(session)
        fetch, search_began = None, None  # fetch: [source, bits, rate]
        wanted = has_next and nxt is not None and not nxt.cached
        for tick in range(listened + 1):
            instant = start + tick
            if wanted and fetch is None:
                left = natural_end - instant
                if search_began is None and left <= peer_lead_ms:
                    search_began = instant
                if (
                    search_began is not None
                    and nxt.peer_found_ms is not None
                    and instant - search_began == nxt.peer_found_ms
                ):
                    fetch = ["peer", 0, peer_kbps]
                elif left <= server_lead_ms:
                    fetch = ["server", 0, server_kbps]
            if tick == listened:
                break
            if fetch is not None:
                fetch[1] += fetch[2]
        wasted = 0
        if wanted and session[i + 1].track == nxt:
            carried = fetch
        else:
            carried = None
            if wanted and fetch is not None:
                nsize = (nxt.duration_ms * nxt.kbps + 7) // 8
                wasted = min(nsize, fetch[1] // 8)
        out.append(PlayRecord(track.track_id, source, start - requested, start, wasted))
        now = start + listened
    return out


def check(session, **params):
    assert_returns(replay(session, **params), prefetch_timeline, session, **params)


# ---------------------------------------------------------------- hand-derived timelines


@pins("returns", "clock", "triggers", "peer_rule", "gap", "next_or_jump", "waste")
def test_worked_example_session():
    session = [
        Play(INTRO, None, ANTHEM),  # server at 0, ready 0 + 20,000 * 8 / 2,000 = 80
        Play(ANTHEM, 60_000, RARE),  # peers from 170,080 + 4,000; ready 174,240 < 200,080
        Play(RARE, None, BALLAD),  # skipped at 260,080 < search at 350,080: server, 40,000 B
        Play(BALLAD, None, B_SIDE),  # cache; peers from 620,240 + 2,000 to 650,240
        Play(ENCORE),  # jump: 28,000 ms * 125 B/ms = 3,500,000 wasted
    ]
    expected = [
        R("intro", "server", 80, 80),
        R("anthem", "peer", 0, 200_080),
        R("rare", "server", 160, 260_240),
        R("ballad", "cache", 0, 500_240, 3_500_000),
        R("encore", "server", 80, 650_320),
    ]
    assert_returns(expected, prefetch_timeline, session)
    assert_returns(expected, replay, session)  # the oracle agrees with the hand arithmetic


@pins("returns")
def test_exact_types_of_every_field():
    session = [Play(INTRO, None, B_SIDE), Play(ENCORE, None, BALLAD), Play(BALLAD)]
    records = prefetch_timeline(session)
    assert_type(records, list, "prefetch_timeline(...)")
    for rec in records:
        assert_type(rec, PlayRecord, "a record")
        assert_type(rec.track_id, str, "record.track_id")
        assert_type(rec.source, str, "record.source")
        for field in ("gap_ms", "start_ms", "wasted_bytes"):
            assert_type(getattr(rec, field), int, f"record.{field}")
    assert_equal([r.source for r in records], ["server", "server", "cache"], "sources")
    assert_equal(PlayRecord._fields, ("track_id", "source", "gap_ms", "start_ms",
                                      "wasted_bytes"), "PlayRecord._fields")  # fmt: skip
    assert records is not prefetch_timeline(session), "a new list on every call"


@pins("returns", "clock")
def test_empty_and_single_play_sessions():
    assert_returns([], prefetch_timeline, [])
    assert_returns([], prefetch_timeline, ())
    assert_returns([R("intro", "server", 80, 80)], prefetch_timeline, [Play(INTRO)])
    # a single cached play; its up_next is never prefetched: the session ends with it
    assert_returns([R("ballad", "cache", 0, 0)], prefetch_timeline, [Play(BALLAD, None, B_SIDE)])
    # 320 kbps: 40,000 bytes at 250 B/ms = 160 ms
    assert_returns([R("rare", "server", 160, 160)], prefetch_timeline, [Play(RARE, 5)])


@pins("clock")
def test_each_play_is_requested_when_the_previous_one_ends():
    # intro 80..200,080 (whole); encore requested 200,080, 80 ms gap, plays 10 s; intro again
    session = [Play(INTRO), Play(ENCORE, 10_000), Play(INTRO, 0), Play(ENCORE)]
    expected = [R("intro", "server", 80, 80), R("encore", "server", 80, 200_160),
                R("intro", "server", 80, 210_240), R("encore", "server", 80, 210_320)]  # fmt: skip
    assert_returns(expected, prefetch_timeline, session)


@pins("triggers")
def test_the_search_counts_back_from_the_natural_end_not_from_the_start():
    found = Track("found", 200_000, 160, peer_found_ms=0)
    # intro plays 80..200,080: search at 170,080. Skipped at 80 + 169,999 = 170,079: too early
    session = [Play(INTRO, 169_999, found), Play(found)]
    assert_returns([R("intro", "server", 80, 80), R("found", "server", 80, 170_159)],
                   prefetch_timeline, session)  # fmt: skip
    # skipped at 80 + 30,000 (where "30 s after the start" would trigger): nothing yet
    session = [Play(INTRO, 30_000, found), Play(found)]
    assert_returns([R("intro", "server", 80, 80), R("found", "server", 80, 30_160)],
                   prefetch_timeline, session)  # fmt: skip
    # skipped 1 ms after the search began: the peers' download from 170,080 has 1 ms, 125 B;
    # the first second (20,000 B) arrives at 170,080 + 160 = 170,240
    session = [Play(INTRO, 170_001, found), Play(found)]
    assert_returns([R("intro", "server", 80, 80), R("found", "peer", 159, 170_240)],
                   prefetch_timeline, session)  # fmt: skip


@pins("triggers")
def test_the_fallback_counts_back_from_the_natural_end_even_when_skipping():
    never = Track("never", 200_000, 160)
    # natural end 200,080: fallback at 190,080; skipped at 195,080: server from 190,080
    session = [Play(INTRO, 195_000, never), Play(never)]
    assert_returns([R("intro", "server", 80, 80), R("never", "server", 0, 195_080)],
                   prefetch_timeline, session)  # fmt: skip
    # skipped at 190,079: 1 ms before the fallback: on demand from 190,079, 80 ms gap
    session = [Play(INTRO, 189_999, never), Play(never)]
    assert_returns([R("intro", "server", 80, 80), R("never", "server", 80, 190_159)],
                   prefetch_timeline, session)  # fmt: skip


@pins("triggers")
def test_tracks_of_30_s_10_s_and_shorter_trigger_at_their_start():
    slow_peer = Track("p", 100_000, 160, peer_found_ms=20_000)
    # 30 s track starting at 80: search at 80, found 20,080; fallback at 20,080: a tie, peers
    thirty = Track("thirty", 30_000, 160)
    session = [Play(thirty, 20_000, slow_peer), Play(slow_peer)]
    assert_returns([R("thirty", "server", 80, 80), R("p", "peer", 160, 20_240)],
                   prefetch_timeline, session)  # fmt: skip
    # 10 s track: search and fallback both at its start (80); found at 20,080 is too late:
    # server from 80; the 10 s play ends at 10,080, long after 80 + 80
    ten = Track("ten", 10_000, 160)
    session = [Play(ten, None, slow_peer), Play(slow_peer)]
    assert_returns([R("ten", "server", 80, 80), R("p", "server", 0, 10_080)],
                   prefetch_timeline, session)  # fmt: skip
    # 5 s track, peers found at once: peers from its start 80; 20,000 B by 240 < 5,080
    now = Track("now", 100_000, 160, peer_found_ms=0)
    five = Track("five", 5_000, 160)
    session = [Play(five, None, now), Play(now)]
    assert_returns([R("five", "server", 80, 80), R("now", "peer", 0, 5_080)],
                   prefetch_timeline, session)  # fmt: skip
    # 31 s track: search at 80 + 1,000 = 1,080; peers found at once; skipped at 1,080
    tiny = Track("tiny", 31_000, 160)
    session = [Play(tiny, 1_000, now), Play(now)]
    assert_returns([R("tiny", "server", 80, 80), R("now", "peer", 160, 1_240)],
                   prefetch_timeline, session)  # fmt: skip
    session = [Play(tiny, 999, now), Play(now)]
    assert_returns([R("tiny", "server", 80, 80), R("now", "server", 80, 1_159)],
                   prefetch_timeline, session)  # fmt: skip


@pins("peer_rule")
def test_a_find_at_the_fallback_moment_uses_the_peers_one_ms_later_the_server():
    # search 170,080, fallback 190,080: a find after 20,000 ms is a tie -> peers
    tie = Track("tie", 200_000, 160, peer_found_ms=20_000)
    late = Track("late", 200_000, 160, peer_found_ms=20_001)
    assert_returns([R("intro", "server", 80, 80), R("tie", "peer", 0, 200_080)],
                   prefetch_timeline, [Play(INTRO, None, tie), Play(tie)])  # fmt: skip
    assert_returns([R("intro", "server", 80, 80), R("late", "server", 0, 200_080)],
                   prefetch_timeline, [Play(INTRO, None, late), Play(late)])  # fmt: skip
    # the tie on a jump: peers 190,080..200,080 = 10,000 ms * 125 B = 1,250,000 B wasted;
    # the late find: server 190,080..200,080 = 10,000 ms * 250 B = 2,500,000 B wasted
    assert_returns([R("intro", "server", 80, 80, 1_250_000), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, tie), Play(RARE)])  # fmt: skip
    assert_returns([R("intro", "server", 80, 80, 2_500_000), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, late), Play(RARE)])  # fmt: skip


@pins("peer_rule", "gap")
def test_a_slow_peer_is_kept_and_the_listener_waits():
    # peers at 8 kbps = 1 B/ms, found at once at 170,080: 20,000 B need 20,000 ms, ready at
    # 190,080 < 200,080. At 1 kbps (1 bit/ms): 160,000 ms -> ready 330,080: gap 130,000,
    # although the server fallback at 190,080 would have made it. No switching.
    found = Track("found", 200_000, 160, peer_found_ms=0)
    session = [Play(INTRO, None, found), Play(found)]
    assert_returns([R("intro", "server", 80, 80), R("found", "peer", 0, 200_080)],
                   prefetch_timeline, session, peer_kbps=8)  # fmt: skip
    assert_returns([R("intro", "server", 80, 80), R("found", "peer", 130_000, 330_080)],
                   prefetch_timeline, session, peer_kbps=1)  # fmt: skip


@pins("skip")
def test_skip_in_the_same_ms_as_the_trigger_counts_the_prefetch():
    at_once = Track("at-once", 200_000, 160, peer_found_ms=0)
    never = Track("never", 200_000, 160)
    # skipped at 170,080, the search moment: peers from 170,080, ready 170,240
    assert_returns([R("intro", "server", 80, 80), R("at-once", "peer", 160, 170_240)],
                   prefetch_timeline, [Play(INTRO, 170_000, at_once), Play(at_once)])  # fmt: skip
    # skipped at 190,080, the fallback moment: server from 190,080, ready 190,160
    assert_returns([R("intro", "server", 80, 80), R("never", "server", 80, 190_160)],
                   prefetch_timeline, [Play(INTRO, 190_000, never), Play(never)])  # fmt: skip


@pins("skip")
def test_a_skip_while_still_searching_abandons_the_search():
    # search at 170,080, found at 180,080; skipped at 175,080: server from scratch, no waste
    slow = Track("slow", 200_000, 160, peer_found_ms=10_000)
    session = [Play(INTRO, 175_000, slow), Play(slow)]
    assert_returns([R("intro", "server", 80, 80), R("slow", "server", 80, 175_160)],
                   prefetch_timeline, session)  # fmt: skip
    # the same while jumping: nothing was downloaded, nothing wasted
    session = [Play(INTRO, 175_000, slow), Play(ENCORE)]
    assert_returns([R("intro", "server", 80, 80), R("encore", "server", 80, 175_160)],
                   prefetch_timeline, session)  # fmt: skip


@pins("gap")
def test_no_gap_when_the_prefetch_got_the_first_second_in_time():
    # server fallback at 190,080; 20,000 B take 80 ms: gap 0 even with a 10-minute track
    long = Track("long", 600_000, 160)
    assert_returns([R("intro", "server", 80, 80), R("long", "server", 0, 200_080)],
                   prefetch_timeline, [Play(INTRO, None, long), Play(long)])  # fmt: skip
    # a 500 ms track needs only its 500 ms = 10,000 B: 40 ms from the server
    blip = Track("blip", 500, 160)
    assert_returns([R("blip", "server", 40, 40)], prefetch_timeline, [Play(blip)])
    # a start buffer of 15 s at 160 kbps = 300,000 B: 1,200 ms from the server; the fallback
    # prefetch from 191,200 is ready at 192,400 < 201,200: no gap
    assert_returns([R("intro", "server", 1_200, 1_200), R("long", "server", 0, 201_200)],
                   prefetch_timeline, [Play(INTRO, None, long), Play(long)],
                   start_buffer_ms=15_000)  # fmt: skip
    # server_lead 100 ms: fallback at 201,100, ready at 202,300: a 1,100 ms gap
    assert_returns([R("intro", "server", 1_200, 1_200), R("long", "server", 1_100, 202_300)],
                   prefetch_timeline, [Play(INTRO, None, long), Play(long)],
                   start_buffer_ms=15_000, server_lead_ms=100)  # fmt: skip


@pins("gap", "waste")
def test_cached_tracks_wait_for_nothing_and_are_never_prefetched():
    session = [Play(BALLAD, None, BALLAD), Play(BALLAD, 1_000, INTRO), Play(BALLAD)]
    # the second play ends at 151,000, long before intro's search (270,000): nothing to waste
    assert_returns([R("ballad", "cache", 0, 0), R("ballad", "cache", 0, 150_000),
                    R("ballad", "cache", 0, 151_000)], prefetch_timeline, session)  # fmt: skip
    # up_next cached but the next play is a jump: nothing was downloaded for it
    session = [Play(INTRO, None, BALLAD), Play(RARE)]
    assert_returns([R("intro", "server", 80, 80), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, session)  # fmt: skip


@pins("waste", "units")
def test_a_jump_wastes_the_partial_prefetch_and_at_most_the_whole_track():
    # anthem: peers from 174,080 to 200,080 = 26,000 ms * 125 = 3,250,000 B of 3,600,000 B
    assert_returns([R("intro", "server", 80, 80, 3_250_000), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, ANTHEM), Play(RARE)])  # fmt: skip
    # a 10 s, 96 kbps track is 120,000 B: complete long before the end, waste capped there
    small = Track("small", 10_000, 96, peer_found_ms=0)
    assert_returns([R("intro", "server", 80, 80, 120_000), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, small), Play(RARE)])  # fmt: skip
    # floor, not round: 3 ms at 1,001 kbps = 3,003 bits = 375.375 B -> 375
    odd = Track("odd", 200_000, 160, peer_found_ms=29_997)
    assert_returns([R("intro", "server", 80, 80, 375), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, odd), Play(RARE)], peer_kbps=1_001,
                   server_lead_ms=0)  # fmt: skip


@pins("waste")
def test_the_last_play_and_a_skip_to_the_prefetched_track_waste_nothing():
    assert_returns([R("intro", "server", 80, 80)], prefetch_timeline, [Play(INTRO, None, ANTHEM)])
    assert_returns([R("intro", "server", 80, 80), R("anthem", "peer", 0, 100_080)],
                   prefetch_timeline, [Play(INTRO, 100_000, ANTHEM), Play(ANTHEM)],
                   peer_lead_ms=150_000)  # fmt: skip


@pins("next_or_jump")
def test_the_next_play_must_be_the_same_track_in_every_field():
    # same id, different bitrate: a different file, so a jump, and the prefetch is wasted
    anthem_hq = ANTHEM._replace(kbps=320)
    assert_returns([R("intro", "server", 80, 80, 3_250_000), R("anthem", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, ANTHEM), Play(anthem_hq)])  # fmt: skip
    # no up_next at all: the next play is fetched on demand
    assert_returns([R("intro", "server", 80, 80), R("anthem", "server", 80, 200_160)],
                   prefetch_timeline, [Play(INTRO), Play(ANTHEM)])  # fmt: skip
    # an equal Track built separately is the same track
    twin = Track("anthem", 180_000, 160, False, 4_000)
    assert_returns([R("intro", "server", 80, 80), R("anthem", "peer", 0, 200_080)],
                   prefetch_timeline, [Play(INTRO, None, ANTHEM), Play(twin)])  # fmt: skip


@pins("units")
def test_integer_rounding_of_bytes_and_milliseconds():
    # 7 kbps, first 1,000 ms = 7,000 bits = 875 B; server 3 kbps: ceil(7,000 / 3) = 2,334 ms
    odd = Track("odd", 5_000, 7)
    assert_returns([R("odd", "server", 2_334, 2_334)], prefetch_timeline, [Play(odd)],
                   server_kbps=3)  # fmt: skip
    # 9 kbps: 9,000 bits = 1,125 B exactly; 333 ms of a 9 kbps track = 2,997 bits -> 375 B
    nine = Track("nine", 333, 9)
    assert_returns([R("nine", "server", 1, 1)], prefetch_timeline, [Play(nine)],
                   server_kbps=3_000)  # fmt: skip
    # 1 kbps, 1 ms = 1 bit -> 1 byte needed; 8 bits at 1 kbps = 8 ms
    bit = Track("bit", 1, 1)
    assert_returns([R("bit", "server", 8, 8)], prefetch_timeline, [Play(bit)], server_kbps=1)


@pins("units", "triggers", "peer_rule")
def test_every_parameter_at_non_default_values():
    # leads 60 s / 20 s, peers 400 kbps (50 B/ms), server 800 kbps (100 B/ms), 2 s buffer
    # intro: 2 s at 160 kbps = 40,000 B: 400 ms from the server. Natural end 200,400.
    # anthem search 140,400, found 144,400 <= fallback 180,400: peers; 40,000 B = 800 ms
    # rare (jump): peers 144,400..200,400 = 56,000 ms * 50 = 2,800,000 B wasted;
    # rare 2 s at 320 = 80,000 B = 800 ms from the server
    params = dict(peer_kbps=400, server_kbps=800, peer_lead_ms=60_000, server_lead_ms=20_000,
                  start_buffer_ms=2_000)  # fmt: skip
    expected = [R("intro", "server", 400, 400, 2_800_000), R("rare", "server", 800, 201_200)]
    assert_returns(expected, prefetch_timeline, [Play(INTRO, None, ANTHEM), Play(RARE)], **params)
    check([Play(INTRO, None, ANTHEM), Play(ANTHEM, 3_000, RARE), Play(RARE)], **params)
    # equal leads: search and fallback at the same moment (190,080), a find at once still
    # counts: peers 10,000 ms * 125 B = 1,250,000 B, capped at the track's 1,200,000 B
    now = Track("now", 60_000, 160, peer_found_ms=0)
    assert_returns([R("intro", "server", 80, 80, 1_200_000), R("rare", "server", 160, 200_240)],
                   prefetch_timeline, [Play(INTRO, None, now), Play(RARE)],
                   peer_lead_ms=10_000)  # fmt: skip


@pins("errors")
def test_bad_arguments_raise():
    ok = [Play(INTRO, None, ANTHEM), Play(ANTHEM)]
    for name in ("peer_kbps", "server_kbps", "start_buffer_ms", "peer_lead_ms", "server_lead_ms"):
        for bad in (10.0, True, "10", None):
            assert_raises(TypeError, prefetch_timeline, ok, **{name: bad})
    for name in ("peer_kbps", "server_kbps", "start_buffer_ms"):
        assert_raises(ValueError, prefetch_timeline, ok, **{name: 0}, match="0")
    for name in ("peer_lead_ms", "server_lead_ms"):
        assert_raises(ValueError, prefetch_timeline, ok, **{name: -5}, match="-5")
    assert_raises(ValueError, prefetch_timeline, ok, server_lead_ms=30_001, match="30001")
    assert_raises(ValueError, prefetch_timeline, ok, peer_lead_ms=9_999, match="9999")
    assert_equal(len(prefetch_timeline(ok, peer_lead_ms=0, server_lead_ms=0)), 2, "zero leads")
    bad_sessions = {
        TypeError: [
            "abc", None, [INTRO], [(INTRO, None, None)], [Play("intro")],
            [Play(INTRO, None, "anthem")], [Play(INTRO._replace(duration_ms=200_000.0))],
            [Play(INTRO._replace(kbps=True))], [Play(INTRO._replace(track_id=7))],
            [Play(INTRO._replace(cached=1))], [Play(INTRO, 10.0)],
            [Play(INTRO._replace(peer_found_ms=1.5))], [Play(INTRO), Play(ANTHEM, None, RARE[:3])],
        ],
        ValueError: [
            [Play(INTRO._replace(duration_ms=0))], [Play(INTRO._replace(kbps=-160))],
            [Play(INTRO, -1)], [Play(INTRO, 200_001)],
            [Play(INTRO, None, ANTHEM._replace(peer_found_ms=-3))],
            [Play(INTRO), Play(INTRO._replace(duration_ms=-7))],
        ],
    }  # fmt: skip
    for error, sessions in bad_sessions.items():
        for session in sessions:
            assert_raises(error, prefetch_timeline, session)
    assert_raises(ValueError, prefetch_timeline, [Play(INTRO, 200_001)], match="200001")
    assert_raises(ValueError, prefetch_timeline, [Play(INTRO._replace(kbps=-160))], match="-160")
    # a valid session is accepted with listen_ms == duration_ms and listen_ms == 0
    assert_equal(len(prefetch_timeline([Play(INTRO, 200_000), Play(INTRO, 0)])), 2, "edges")


@pins("inputs")
def test_inputs_are_not_modified_and_a_tuple_works():
    session = [Play(INTRO, None, ANTHEM), Play(ANTHEM, 60_000, RARE), Play(RARE, 0, B_SIDE)]
    session.append(Play(ENCORE))
    before = copy.deepcopy(session)
    as_list = prefetch_timeline(session)
    assert_equal(session, before, "the session after prefetch_timeline(session)")
    assert_returns(as_list, prefetch_timeline, tuple(session))


# ---------------------------------------------------------------- randomized, against replay

SMALL_TRACKS = st.builds(
    Track,
    st.sampled_from(["a", "b", "c", "é"]),
    st.integers(1, 120),
    st.sampled_from([1, 7, 24, 96, 160, 320]),
    st.booleans(),
    st.one_of(st.none(), st.integers(0, 80)),
)


@st.composite
def small_sessions(draw):
    pool = draw(st.lists(SMALL_TRACKS, min_size=1, max_size=3))
    order = draw(st.lists(st.sampled_from(pool), max_size=4))
    plays = []
    for i, track in enumerate(order):
        listen = draw(st.one_of(st.none(), st.integers(0, track.duration_ms)))
        choice = draw(st.sampled_from(["next", "next", "other", "none"]))
        if choice == "next" and i + 1 < len(order):
            up_next = order[i + 1]
        elif choice == "none":
            up_next = None
        else:
            up_next = draw(st.sampled_from(pool))
        plays.append(Play(track, listen, up_next))
    return plays


PARAMS = st.fixed_dictionaries(
    {
        "peer_kbps": st.sampled_from([160, 333, 1_000, 4_000]),
        "server_kbps": st.sampled_from([160, 500, 2_000]),
        "peer_lead_ms": st.integers(0, 100),
        "start_buffer_ms": st.integers(1, 50),
    }
)


@pins("clock", "triggers", "peer_rule", "skip", "gap", "next_or_jump", "waste", "units")
@derandomized(max_examples=40, shrink=False)  # sessions of at most 4 plays: readable as drawn
@given(session=small_sessions(), params=PARAMS, server_share=st.integers(0, 100))
def test_matches_a_millisecond_by_millisecond_replay(session, params, server_share):
    params = dict(params, server_lead_ms=params["peer_lead_ms"] * server_share // 100)
    check(session, **params)


@pins("gap", "waste")
@derandomized(max_examples=25)
@given(session=small_sessions(), params=PARAMS)
def test_invariants_on_random_sessions(session, params):
    records = prefetch_timeline(session, server_lead_ms=0, **params)
    clock = 0
    for play, rec in zip(session, records, strict=True):
        nxt = play.up_next
        limit = 0 if nxt is None else (nxt.duration_ms * nxt.kbps + 7) // 8
        assert 0 <= rec.wasted_bytes <= limit, f"wasted_bytes {rec.wasted_bytes} for {play}"
        assert rec.gap_ms >= 0 and rec.start_ms == clock + rec.gap_ms, f"{rec} for {play}"
        if play.track.cached:
            assert (rec.source, rec.gap_ms) == ("cache", 0), f"{rec} for cached {play}"
        clock = rec.start_ms + (
            play.track.duration_ms if play.listen_ms is None else play.listen_ms
        )


# ---------------------------------------------------------------- scale


def long_session():
    """20,000 plays of 10-minute tracks: queue order, every 7th skipped, every 5th a jump."""
    tracks = [Track(f"t{i}", 600_000 + i % 13, 160 + 160 * (i % 2), i % 11 == 0,
                    None if i % 3 == 0 else (i * 37) % 40_000) for i in range(20_001)]  # fmt: skip
    plays = []
    for i in range(20_000):
        nxt = tracks[i + 1] if i % 5 else tracks[(i + 7) % 20_000]
        plays.append(Play(tracks[i], 300_000 if i % 7 == 0 else None, nxt))
    return plays


def reference(session, peer_kbps=1_000, server_kbps=2_000, peer_lead_ms=30_000,
              server_lead_ms=10_000, start_buffer_ms=1_000):  # fmt: skip
    """The contract, event by event: O(1) per play."""
    out, clock, carried = [], 0, None
    for i, play in enumerate(session):
        t = play.track
        if t.cached:
            source, gap = "cache", 0
        else:
            source, begun, rate = carried or ("server", clock, server_kbps)
            need = -(-min(start_buffer_ms, t.duration_ms) * t.kbps // 8)
            gap = max(0, begun - (-8 * need // rate) - clock)
        start = clock + gap
        end = start + (t.duration_ms if play.listen_ms is None else play.listen_ms)
        carried, wasted, nxt = None, 0, play.up_next
        if i + 1 < len(session) and nxt is not None and not nxt.cached:
            natural = start + t.duration_ms
            search, fall = max(start, natural - peer_lead_ms), max(start, natural - server_lead_ms)
            got = None
            if nxt.peer_found_ms is not None and search + nxt.peer_found_ms <= fall:
                if search + nxt.peer_found_ms <= end:
                    got = ("peer", search + nxt.peer_found_ms, peer_kbps)
            elif fall <= end:
                got = ("server", fall, server_kbps)
            if session[i + 1].track == nxt:
                carried = got
            elif got:
                wasted = min(-(-nxt.duration_ms * nxt.kbps // 8), (end - got[1]) * got[2] // 8)
        out.append((t.track_id, source, gap, start, wasted))
        clock = end
    return out


@pins("scale")
def test_scale_a_long_session_is_linear_in_plays_not_in_milliseconds():
    session = workload("prefetch_long_session", long_session)
    small = session[:300]
    assert_equal([tuple(r) for r in prefetch_timeline(small)], reference(small),
                 "prefetch_timeline(first 300 plays of the long session)")  # fmt: skip
    assert_scales(
        lambda: prefetch_timeline(session),
        lambda: reference(session),
        20,
        "20,000 plays of 10-minute tracks",
        "Compute each play's start, end and prefetch moments directly; never step through "
        "the milliseconds of a track.",
    )
