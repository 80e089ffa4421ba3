"""Hidden tests for audio_buffering/06_chunk_scheduler: the `schedule_chunks` request order."""

import heapq
import random

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

C = 16_384  # bytes in a 16 kB chunk, per the contract
PEERS = {"alice": (32_768, 32_768), "bob": (16_384, 0), "carol": (65_536, 131_072)}
CHUNKS = {20: 0.8192, 21: 1.6384, 22: 2.4576, 23: 3.2768, 24: 4.096, 25: 4.9152, 3: 30.0, 4: 30.0}


def brute_force(chunks, peers, margin_s):
    """The oracle: every peer's completion recomputed from scratch at each step. The random
    inputs are multiples of powers of two, so these floats are exact."""
    assigned = dict.fromkeys(peers, 0)  # chunks requested from each peer so far
    requests = []
    for chunk in sorted(chunks, key=lambda c: (chunks[c], c)):
        options = [
            ((out + C * (assigned[p] + 1)) / speed, p)
            for p, (speed, out) in peers.items()
            if speed > 0
        ]
        if options and min(options)[0] <= chunks[chunk] - margin_s:
            peer = min(options)[1]
            assigned[peer] += 1
            requests.append((chunk, peer))
        else:
            requests.append((chunk, "server"))
    return requests


def heap_reference(chunks, peers, margin_s):
    """A plain heap scheduler without validation: the scale tests' yardstick."""
    heap = [((o + C) / s, p, o + C, s) for p, (s, o) in peers.items() if s > 0]
    heapq.heapify(heap)
    out = []
    for d, c in sorted((d, c) for c, d in chunks.items()):
        if heap and heap[0][0] <= d - margin_s:
            _, p, q, s = heap[0]
            heapq.heapreplace(heap, ((q + C) / s, p, q + C, s))
            out.append((c, p))
        else:
            out.append((c, "server"))
    return out


@pins("returns", "chunk_order", "completion", "peer_choice", "accumulate", "deadline")
def test_hand_example_three_peers_eight_chunks():
    # first completions: alice (32768 + 16384) / 32768 = 1.5, bob 16384 / 16384 = 1.0,
    # carol (131072 + 16384) / 65536 = 2.25
    # 20: 0.8192 - 0.5 = 0.3192 < bob 1.0          -> server (nothing changes)
    # 21: 1.1384 >= bob 1.0                          -> bob,   bob   -> 2.0
    # 22: 1.9576 >= alice 1.5                        -> alice, alice -> 2.0
    # 23: 2.7768, alice 2.0 == bob 2.0, "alice" < "bob" -> alice, alice -> 2.5
    # 24: 3.5960 >= bob 2.0                          -> bob,   bob   -> 3.0
    # 25: 4.4152 >= carol 2.25                       -> carol, carol -> 2.5
    # 3 and 4 (deadline 30.0, index order): alice 2.5 == carol 2.5 -> alice, then carol 2.5
    expected = [
        (20, "server"),
        (21, "bob"),
        (22, "alice"),
        (23, "alice"),
        (24, "bob"),
        (25, "carol"),
        (3, "alice"),
        (4, "carol"),
    ]
    assert_returns(expected, schedule_chunks, CHUNKS, PEERS, margin_s=0.5)
    assert_returns(expected, schedule_chunks, CHUNKS, PEERS)  # margin 0: 0.8192 < 1.0 still
    # margin 1.0: chunk 21 (0.6384 < 1.0) also goes to the server, and bob stays at 1.0
    assert_returns(
        [
            (20, "server"),
            (21, "server"),
            (22, "bob"),  # 1.4576 >= bob 1.0 -> bob 2.0
            (23, "alice"),  # 2.2768: alice 1.5 -> 2.0
            (24, "alice"),  # 3.096: alice 2.0 == bob 2.0 -> alice 2.5
            (25, "bob"),  # 3.9152: bob 2.0 -> 3.0
            (3, "carol"),  # 29.0: carol 2.25 -> 2.5
            (4, "alice"),  # alice 2.5 == carol 2.5 -> alice
        ],
        schedule_chunks,
        CHUNKS,
        PEERS,
        margin_s=1.0,
    )


@pins("returns")
def test_returns_a_new_list_of_int_str_tuples():
    result = schedule_chunks(CHUNKS, PEERS, margin_s=0.5)
    assert_type(result, list, "schedule_chunks(CHUNKS, PEERS, margin_s=0.5)")
    for item in result:
        assert_type(item, tuple, "an item of schedule_chunks(CHUNKS, PEERS, margin_s=0.5)")
        assert_type(item[0], int, "a chunk index in schedule_chunks(CHUNKS, PEERS)")
        assert_type(item[1], str, "a source in schedule_chunks(CHUNKS, PEERS)")
    assert_equal(len(result), 8, "len(schedule_chunks(CHUNKS, PEERS, margin_s=0.5))")
    assert_returns([(5, "server")], schedule_chunks, {5: 1}, {"bob": (16_384, 0)}, margin_s=1)


@pins("returns")
def test_inputs_are_not_modified():
    chunks = dict(CHUNKS)
    peers = {"carol": [65_536, 131_072], "bob": (16_384, 0)}  # a list entry is rejected...
    assert_raises(TypeError, schedule_chunks, chunks, peers, match="peers")
    peers = dict(PEERS)
    before_chunks, before_peers = list(chunks.items()), list(peers.items())
    schedule_chunks(chunks, peers, margin_s=0.5)
    schedule_chunks(chunks, peers, margin_s=0.5)
    assert_equal(list(chunks.items()), before_chunks, "chunks after two schedule_chunks calls")
    assert_equal(list(peers.items()), before_peers, "peers after two schedule_chunks calls")
    # a second call sees the same outstanding bytes, so it gives the same answer
    assert_returns(
        schedule_chunks(chunks, peers, margin_s=0.5), schedule_chunks, chunks, peers, margin_s=0.5
    )


@pins("chunk_order")
def test_chunks_are_requested_by_deadline_not_by_index_or_dict_order():
    peers = {"fast": (65_536, 0), "slow": (16_384, 0)}
    # fast finishes at 0.25, 0.5, 0.75, ...; slow at 1.0, 2.0
    chunks = {0: 9.0, 7: 0.25, 3: 0.5, 5: 1.0}
    expected = [(7, "fast"), (3, "fast"), (5, "fast"), (0, "fast")]
    assert_returns(expected, schedule_chunks, chunks, peers)
    # index 1 is needed first but can only be on time if it gets fast's first slot
    chunks = {0: 5.0, 1: 0.25, 2: 5.0}
    assert_returns([(1, "fast"), (0, "fast"), (2, "fast")], schedule_chunks, chunks, peers)
    assert_returns(
        [(1, "fast"), (0, "fast")], schedule_chunks, {0: 0.5, 1: 0.25}, {"fast": (65_536, 0)}
    )
    assert_returns(
        [(1, "server"), (0, "fast")],
        schedule_chunks,
        {0: 0.5, 1: 0.1},
        {"fast": (65_536, 0)},
    )


@pins("chunk_order")
def test_equal_deadlines_go_in_ascending_index():
    peers = {"fast": (32_768, 0), "slow": (16_384, 0)}
    chunks = {9: 2.0, 4: 2.0, 6: 2.0, 1: 3.0}
    # 4: fast 0.5; 6: fast 1.0 ties slow 1.0, "fast" < "slow"; 9: slow 1.0 < fast 1.5; 1: fast
    expected = [(4, "fast"), (6, "fast"), (9, "slow"), (1, "fast")]
    assert_returns(expected, schedule_chunks, chunks, peers)
    chunks = {2: 0.5, 1: 0.5}  # only one fits: the smaller index gets the peer
    assert_returns([(1, "fast"), (2, "server")], schedule_chunks, chunks, {"fast": (32_768, 0)})


@pins("peer_choice", "completion")
def test_ranks_by_completion_of_this_chunk_not_speed_or_queue():
    # idle slow (1.0 s) vs busy fast ((4 * 16384 + 16384) / 65536 = 1.25 s): slow wins
    peers = {"busy_fast": (65_536, 65_536), "idle_slow": (16_384, 0)}
    assert_returns([(0, "idle_slow")], schedule_chunks, {0: 5.0}, peers)
    # both idle: outstanding / speed is 0 for both, but fast finishes at 0.5 s, slow at 1.0 s
    peers = {"a_slow": (16_384, 0), "b_fast": (32_768, 0)}
    assert_returns([(0, "b_fast"), (1, "a_slow")], schedule_chunks, {0: 5.0, 1: 5.0}, peers)
    # a short queue on a slow peer beats an empty fast one only if it finishes first
    peers = {"a": (8_192, 8_192), "b": (16_384, 16_384)}  # a: 3.0 s, b: 2.0 s
    assert_returns([(0, "b"), (1, "a"), (2, "b")], schedule_chunks, {0: 9, 1: 9, 2: 9}, peers)


@pins("peer_choice")
def test_peer_ties_go_to_the_smallest_id_whatever_the_dict_order():
    peers = {"zoe": (16_384, 0), "Yann": (16_384, 0), "mia": (32_768, 16_384)}
    # all three finish one more chunk at 1.0 s; "Yann" < "mia" < "zoe" in str order
    expected = [(0, "Yann"), (1, "mia"), (2, "zoe")]
    assert_returns(expected, schedule_chunks, {0: 5.0, 1: 5.0, 2: 5.0}, peers)
    peers = {"p10": (16_384, 0), "p9": (16_384, 0), "p2": (16_384, 0)}
    assert_returns([(0, "p10"), (1, "p2"), (2, "p9")], schedule_chunks, {0: 3, 1: 3, 2: 3}, peers)


@pins("accumulate")
def test_each_request_adds_one_chunk_to_the_chosen_peer():
    # one peer at one chunk per second: the k-th request finishes at k seconds
    chunks = {i: float(i) + 1 for i in range(6)}  # deadlines 1..6: all on time
    assert_returns([(i, "solo") for i in range(6)], schedule_chunks, chunks, {"solo": (C, 0)})
    # deadline 3.5 for all: only three chunks fit (1.0, 2.0, 3.0), the rest escalate
    chunks = dict.fromkeys(range(5), 3.5)
    expected = [(0, "solo"), (1, "solo"), (2, "solo"), (3, "server"), (4, "server")]
    assert_returns(expected, schedule_chunks, chunks, {"solo": (C, 0)})
    # two equal peers alternate
    peers = {"a": (C, 0), "b": (C, 0)}
    expected = [(0, "a"), (1, "b"), (2, "a"), (3, "b")]
    assert_returns(expected, schedule_chunks, dict.fromkeys(range(4), 9.0), peers)


@pins("accumulate")
def test_a_server_request_changes_no_peer():
    # chunk 0 is hopeless (deadline 0.5 < 1.0) and goes to the server; solo's first slot
    # (1.0 s) is still free for chunk 1, and its second (2.0 s) for chunk 2
    chunks = {0: 0.5, 1: 1.0, 2: 2.0, 3: 2.5}
    expected = [(0, "server"), (1, "solo"), (2, "solo"), (3, "server")]
    assert_returns(expected, schedule_chunks, chunks, {"solo": (C, 0)})


@pins("deadline")
def test_completion_exactly_at_deadline_minus_margin_goes_to_the_peer():
    bob = {"bob": (C, 0)}  # finishes one chunk at exactly 1.0 s
    assert_returns([(0, "bob")], schedule_chunks, {0: 1.0}, bob)
    assert_returns([(0, "server")], schedule_chunks, {0: 0.9990234375}, bob)  # 1 - 2**-10
    assert_returns([(0, "bob")], schedule_chunks, {0: 1.5}, bob, margin_s=0.5)
    assert_returns([(0, "server")], schedule_chunks, {0: 1.4990234375}, bob, margin_s=0.5)
    assert_returns([(0, "bob")], schedule_chunks, {0: 3}, bob, margin_s=2)
    assert_returns([(0, "server")], schedule_chunks, {0: 3}, bob, margin_s=2.25)
    # the margin is subtracted from the deadline, never added
    assert_returns([(0, "server")], schedule_chunks, {0: 0.75}, bob, margin_s=0.5)
    assert_returns([(0, "server"), (1, "bob")], schedule_chunks, {0: 1.25, 1: 2.0}, bob, margin_s=1)


@pins("deadline")
def test_late_and_zero_deadlines_go_to_the_server():
    peers = {"fast": (10**9, 0)}
    assert_returns([(0, "server")], schedule_chunks, {0: 0}, peers)
    assert_returns([(0, "server"), (1, "fast")], schedule_chunks, {0: -2.5, 1: 0.001}, peers)
    assert_returns([(0, "server")], schedule_chunks, {0: -1}, {})


@pins("completion")
def test_a_chunk_is_16384_bytes_not_16000():
    # 16,384 bytes at 16,384 B/s take 1.0 s (16,000 bytes would take 0.9766 s)
    bob = {"bob": (16_384, 0)}
    assert_returns([(0, "server")], schedule_chunks, {0: 0.99}, bob)
    # at 16,000 B/s one chunk takes 1.024 s: late for a 1.0 s deadline
    assert_returns([(0, "server")], schedule_chunks, {0: 1.0}, {"dan": (16_000, 0)})
    assert_returns([(0, "dan")], schedule_chunks, {0: 1.024}, {"dan": (16_000, 0)})
    # outstanding bytes count too: 48,000 + 16,384 bytes at 64,384 B/s is exactly 1.0 s
    assert_returns([(0, "eve")], schedule_chunks, {0: 1.0}, {"eve": (64_384, 48_000)})
    assert_returns([(0, "server")], schedule_chunks, {0: 0.999}, {"eve": (64_384, 48_000)})


@pins("zero_speed")
def test_a_zero_speed_peer_is_never_chosen():
    assert_returns([(7, "server")], schedule_chunks, {7: 2.0}, {"dave": (0, 0)})
    assert_returns([(7, "server")], schedule_chunks, {7: 10**9}, {"dave": (0.0, 0)})
    peers = {"a_stalled": (0, 0), "b_slow": (1_024, 0)}  # b_slow: 16 s per chunk
    assert_returns([(0, "b_slow"), (1, "server")], schedule_chunks, {0: 20, 1: 20}, peers)
    assert_returns([(0, "server"), (1, "server")], schedule_chunks, {0: 1, 1: 2}, {})
    assert_returns([], schedule_chunks, {}, {})
    assert_returns([], schedule_chunks, {}, PEERS, margin_s=3)


@pins("errors")
def test_wrong_types_raise_type_error_naming_the_argument():
    good = {"bob": (C, 0)}
    assert_raises(TypeError, schedule_chunks, [(0, 1.0)], good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, [("bob", (C, 0))], match="peers")
    assert_raises(TypeError, schedule_chunks, {1.0: 1.0}, good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {True: 1.0}, good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {0: "1.0"}, good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {0: None}, good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {0: True}, good, match="chunks")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {7: (C, 0)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": (C,)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": C}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": ("fast", 0)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": (True, 0)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": (C, 0.0)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, {"bob": (C, False)}, match="peers")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, good, margin_s="0.5", match="margin_s")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, good, margin_s=None, match="margin_s")
    assert_raises(TypeError, schedule_chunks, {0: 1.0}, good, margin_s=True, match="margin_s")


@pins("errors")
def test_bad_values_raise_value_error_naming_the_argument():
    good = {"bob": (C, 0)}
    nan, inf = float("nan"), float("inf")
    assert_raises(ValueError, schedule_chunks, {-1: 1.0}, good, match="chunks")
    assert_raises(ValueError, schedule_chunks, {0: nan}, good, match="chunks")
    assert_raises(ValueError, schedule_chunks, {0: inf}, good, match="chunks")
    assert_raises(ValueError, schedule_chunks, {0: -inf}, good, match="chunks")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, {"bob": (-1, 0)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, {"bob": (nan, 0)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, {"bob": (inf, 0)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, {"bob": (C, -1)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, {"server": (C, 0)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, good, margin_s=-0.1, match="margin_s")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, good, margin_s=nan, match="margin_s")
    assert_raises(ValueError, schedule_chunks, {0: 1.0}, good, margin_s=inf, match="margin_s")
    # errors are raised even when no chunk would reach the bad peer or the loop
    assert_raises(ValueError, schedule_chunks, {}, {"bob": (C, -5)}, match="peers")
    assert_raises(ValueError, schedule_chunks, {}, {}, margin_s=-1, match="margin_s")
    # zero is fine for speed, outstanding, margin and a chunk index
    assert_returns([(0, "bob")], schedule_chunks, {0: 1.0}, {"bob": (C, 0), "z": (0, 0)})


PEER_IDS = ["a", "b", "c", "d", "e"]
SPEEDS = [0, 1_024, 2_048, 4_096, 8_192, 16_384, 32_768, 65_536]


CASES = st.tuples(
    st.dictionaries(st.integers(0, 40), st.integers(-4, 120).map(lambda k: k / 8), max_size=10),
    st.dictionaries(
        st.sampled_from(PEER_IDS),
        st.tuples(st.sampled_from(SPEEDS), st.integers(0, 12).map(lambda k: 4_096 * k)),
        max_size=4,
    ),
    st.integers(0, 16).map(lambda k: k / 8),
)


@pins("chunk_order", "completion", "peer_choice", "accumulate", "deadline", "zero_speed")
@derandomized(max_examples=60)
@given(case=CASES)
def test_matches_a_brute_force_that_recomputes_every_peer_each_step(case):
    chunks, peers, margin = case
    assert_returns(
        brute_force(chunks, peers, margin), schedule_chunks, chunks, peers, margin_s=margin
    )


def swarm(chunk_count, peer_count, seed):
    rng = random.Random(seed)
    peers = {
        f"peer{p:05d}": (rng.randrange(8_192, 1_000_000), rng.randrange(0, 40) * C)
        for p in range(peer_count)
    }
    chunks = {i: i * 0.01 + rng.random() for i in range(chunk_count)}
    return chunks, peers


@pins("scale")
def test_scale_20000_chunks_over_5000_peers():
    assert_returns([(0, "bob")], schedule_chunks, {0: 1.0}, {"bob": (C, 0)})  # fail fast
    chunks, peers = workload("chunk_scheduler_20000x5000", lambda: swarm(20_000, 5_000, 6))
    assert_scales(
        lambda: schedule_chunks(chunks, peers, margin_s=0.5),
        lambda: heap_reference(chunks, peers, 0.5),
        factor=10,
        what="schedule_chunks with 20,000 chunks and 5,000 peers",
        advice="Keep the peers in a heap keyed by (expected completion, peer id): peek at the "
        "top for each chunk and heapreplace it after a request; never scan or re-sort every "
        "peer per chunk.",
    )


@pins("scale")
def test_scale_60000_chunks_over_20_peers():
    assert_returns([(0, "bob")], schedule_chunks, {0: 1.0}, {"bob": (C, 0)})  # fail fast
    chunks, peers = workload("chunk_scheduler_60000x20", lambda: swarm(60_000, 20, 60))
    assert_scales(
        lambda: schedule_chunks(chunks, peers, margin_s=0.5),
        lambda: heap_reference(chunks, peers, 0.5),
        factor=10,
        what="schedule_chunks with 60,000 chunks and 20 peers",
        advice="Sort the chunks once by (deadline, index) before scheduling; never search the "
        "remaining chunks for the most urgent one per request, and never insert into or pop "
        "from the front of a list.",
    )
