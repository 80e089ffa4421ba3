"""Hidden tests for audio_buffering/10_design_playback_path: estimates, an LRU edge cache under
Zipf popularity against analytic oracles, and the 2010 traffic shares."""

import itertools
import math
from collections import OrderedDict

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

REL = Tolerance(rel=1e-9, abs=0.0)
EXACT_12 = Tolerance(rel=1e-12, abs=1e-15)
MIX = {24: 0.1, 96: 0.2, 160: 0.5, 320: 0.2}


def zipf_stream(n_requests, n_items, s, seed):
    weights = np.arange(1, n_items + 1, dtype=np.float64) ** -s
    return np.random.default_rng(seed).choice(n_items, size=n_requests, p=weights / weights.sum())


def lru_brute_force(requests, capacity):
    """LRU as a list, most recent last: O(capacity) per request, obviously right."""
    cache, hits = [], 0
    for item in requests:
        if item in cache:
            hits += 1
            cache.remove(item)
        elif capacity > 0 and len(cache) == capacity:
            cache.pop(0)
        if capacity > 0:
            cache.append(item)
    return hits


def top_k_oracle(n, s, k):
    weights = [r ** -float(s) for r in range(1, n + 1)]
    return math.fsum(weights[: min(k, n)]) / math.fsum(weights)


def che_hit_ratio(n_items, s, capacity):
    """Che's approximation of LRU's hit ratio under independent Zipf requests."""
    p = np.arange(1, n_items + 1, dtype=np.float64) ** -s
    p /= p.sum()
    low, high = 0.0, 1.0
    while np.sum(1 - np.exp(-p * high)) < capacity:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if np.sum(1 - np.exp(-p * mid)) < capacity:
            low = mid
        else:
            high = mid
    return float(np.sum(p * (1 - np.exp(-p * low))))


# --- Part 1: estimates -----------------------------------------------------------------------


@pins("units", "egress_formula")
def test_ten_million_streams_at_160_kbps_are_1600_gbps():
    assert_returns(1600.0, stream_egress_gbps, 10_000_000, {160: 1.0}, tol=REL)
    assert_returns(0.208, stream_egress_gbps, 1_000, {96: 0.5, 320: 0.5}, tol=REL)
    assert_returns(1656.0, stream_egress_gbps, 10_000_000, MIX, tol=REL)
    assert_returns(0.0, stream_egress_gbps, 0, {320: 1.0})
    assert_returns(3.2e-4, stream_egress_gbps, 1, {320: 1.0}, tol=REL)


@pins("egress_formula")
def test_egress_weights_every_bitrate_by_its_share_and_shares_may_carry_float_noise():
    assert_returns(0.024, stream_egress_gbps, 1_000, {24: 1.0, 320: 0.0}, tol=REL)
    # 0.2 + 0.7 + 0.1 is 0.9999999999999999 in floating point: within 1e-9 of 1
    assert_returns(
        10 * (0.1 * 24 + 0.2 * 96 + 0.7 * 160) * 1e-6,
        stream_egress_gbps,
        10,
        {96: 0.2, 160: 0.7, 24: 0.1},
        tol=REL,
    )
    assert_returns(2.75e-4, stream_egress_gbps, 1, {200: 0.25, 300: 0.75}, tol=REL)


@pins("origin_formula")
def test_origin_fetches_only_the_edge_misses():
    assert_returns(160.0, origin_gbps, 1600.0, 0.9, tol=REL)
    assert_returns(1600.0, origin_gbps, 1600, 0, tol=REL)
    assert_returns(0.0, origin_gbps, 1600, 1)
    assert_returns(0.25 * 738.576, origin_gbps, 738.576, 0.75, tol=REL)


@pins("units", "storage_formula")
def test_storage_of_the_catalogue_at_four_qualities_in_three_copies():
    assert_returns(4.725e15, catalogue_storage_bytes, 100_000_000, [24, 96, 160, 320], 3, tol=REL)
    assert_returns(4_200_000.0, catalogue_storage_bytes, 1, [160], 1, tol=REL)
    assert_returns(8_400_000.0, catalogue_storage_bytes, 1, (320,), 1, tol=REL)
    assert_returns(2 * 300 * 96 * 125.0, catalogue_storage_bytes, 1, [96], 2, 300, tol=REL)
    assert_returns(0.0, catalogue_storage_bytes, 0, [160], 3)
    assert_returns(0.0, catalogue_storage_bytes, 5, [160], 3, 0)


@pins("storage_formula")
def test_replicas_are_copies_in_total_and_duration_defaults_to_210_s():
    one = catalogue_storage_bytes(1_000, [160, 320], 1)
    assert_equal(
        one, 1_000 * 210 * 480 * 125.0, "catalogue_storage_bytes(1000, [160, 320], 1)", REL
    )
    assert_returns(3 * one, catalogue_storage_bytes, 1_000, [160, 320], 3, tol=REL)
    assert_returns(2.5 * one, catalogue_storage_bytes, 1_000, [320, 160], 2.5, tol=REL)


@pins("servers_round_up")
def test_servers_round_up_and_no_traffic_needs_none():
    assert_returns(20, edge_servers, 1600.0, 100, 0.8)
    assert_returns(21, edge_servers, 1600.001, 100, 0.8)
    assert_returns(10, edge_servers, 738.576, 100, 0.8)
    assert_returns(1, edge_servers, 1e-6, 100, 0.8)
    assert_returns(0, edge_servers, 0, 100, 0.8)
    assert_returns(16, edge_servers, 1600, 100, 1)


@pins("servers_round_up")
def test_an_exact_quotient_adds_no_spare_server_however_floats_round():
    assert_returns(3, edge_servers, 21, 10, 0.7)  # 21 / 10 / 0.7 = 3.0000000000000004
    assert_returns(3, edge_servers, 2.1, 1, 0.7)  # 2.1 / 0.7 = 3.0000000000000004
    assert_returns(4, edge_servers, 2.1 * (1 + 1e-7), 1, 0.7)
    assert_returns(100_000, edge_servers, 7e6, 100, 0.7)


@pins("servers_round_up")
@derandomized(max_examples=40)
@given(
    n=st.integers(0, 5_000),
    nic=st.sampled_from([1, 10, 25, 40, 100, 400]),
    util_pct=st.integers(1, 100),
    nudge=st.sampled_from([0.0, 1e-12, -1e-12, 1e-6, -1e-6]),
)
def test_servers_match_exact_rational_arithmetic(n, nic, util_pct, nudge):
    egress = n * nic * util_pct / 100 * (1 + nudge)
    expected = n + 1 if n > 0 and nudge == 1e-6 else n  # only a real excess needs one more
    assert_returns(expected, edge_servers, egress, nic, util_pct / 100)


@pins("estimate_types")
def test_estimates_are_python_floats_also_for_int_arguments_and_servers_an_int():
    for call, value, kind in (
        ("stream_egress_gbps(1000, {160: 1})", stream_egress_gbps(1000, {160: 1}), float),
        ("origin_gbps(100, 0)", origin_gbps(100, 0), float),
        ("origin_gbps(100, 1)", origin_gbps(100, 1), float),
        ("catalogue_storage_bytes(10, [160], 3)", catalogue_storage_bytes(10, [160], 3), float),
        (
            "catalogue_storage_bytes(10, [160], 3, 200)",
            catalogue_storage_bytes(10, [160], 3, 200),
            float,
        ),
        ("edge_servers(1600, 100, 0.8)", edge_servers(1600, 100, 0.8), int),
        ("edge_servers(1601.5, 100, 0.8)", edge_servers(1601.5, 100, 0.8), int),
        ("edge_servers(0, 100, 1)", edge_servers(0, 100, 1), int),
    ):
        assert_type(value, kind, call)


@pins("estimate_errors")
def test_impossible_estimates_raise_value_error_naming_the_parameter_and_value():
    for fn, args, name, value in (
        (stream_egress_gbps, (-5, {160: 1.0}), "concurrent_streams", "-5"),
        (stream_egress_gbps, (10, {}), "bitrate_mix", "{}"),
        (stream_egress_gbps, (10, {0: 1.0}), "bitrate_mix", "0"),
        (stream_egress_gbps, (10, {-96: 1.0}), "bitrate_mix", "-96"),
        (stream_egress_gbps, (10, {160: 1.5, 320: -0.5}), "bitrate_mix", "-0.5"),
        (stream_egress_gbps, (10, {160: 0.5, 320: 0.4}), "bitrate_mix", "0.9"),
        (stream_egress_gbps, (10, {160: 0.75, 320: 0.5}), "bitrate_mix", "1.25"),
        (origin_gbps, (-3.0, 0.5), "edge_gbps", "-3"),
        (origin_gbps, (10.0, 1.5), "edge_hit_ratio", "1.5"),
        (origin_gbps, (10.0, -0.25), "edge_hit_ratio", "-0.25"),
        (catalogue_storage_bytes, (-7, [160], 3), "tracks", "-7"),
        (catalogue_storage_bytes, (7, [], 3), "bitrates_kbps", "[]"),
        (catalogue_storage_bytes, (7, [160, 0], 3), "bitrates_kbps", "0"),
        (catalogue_storage_bytes, (7, [96, 160, 96], 3), "bitrates_kbps", "96"),
        (catalogue_storage_bytes, (7, [160], 0), "replicas", "0"),
        (catalogue_storage_bytes, (7, [160], 0.5), "replicas", "0.5"),
        (catalogue_storage_bytes, (7, [160], 3, -210), "duration_s", "-210"),
        (edge_servers, (-1.0, 100, 0.8), "egress_gbps", "-1"),
        (edge_servers, (10.0, 0, 0.8), "nic_gbps", "0"),
        (edge_servers, (10.0, -100, 0.8), "nic_gbps", "-100"),
        (edge_servers, (10.0, 100, 0), "utilisation", "0"),
        (edge_servers, (10.0, 100, 1.25), "utilisation", "1.25"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)


@pins("estimate_errors")
def test_errors_come_in_argument_order_and_boundaries_are_accepted():
    assert_raises(ValueError, stream_egress_gbps, -1, {}, match="concurrent_streams")
    assert_raises(ValueError, origin_gbps, -1.0, 2.0, match="edge_gbps")
    assert_raises(ValueError, catalogue_storage_bytes, 1, [160, 160], 0, match="bitrates_kbps")
    assert_raises(ValueError, catalogue_storage_bytes, 1, [160], 0, -1, match="replicas")
    assert_raises(ValueError, edge_servers, -1.0, 0, 0, match="egress_gbps")
    assert_raises(ValueError, edge_servers, 1.0, 0, 0, match="nic_gbps")
    assert_returns(0.0, origin_gbps, 0.0, 1.0)
    assert_returns(5.0, origin_gbps, 5.0, 0.0)
    assert_returns(1, edge_servers, 1.0, 1, 1.0)
    assert_returns(4_200_000.0, catalogue_storage_bytes, 1, [160], 1.0, tol=REL)


# --- Part 2: the edge cache ------------------------------------------------------------------


@pins("top_k_formula")
def test_top_k_worked_examples():
    assert_returns(0.72, top_k_hit_ratio, 4, 1.0, 2, tol=EXACT_12)
    assert_returns(0.3, top_k_hit_ratio, 10, 0.0, 3, tol=EXACT_12)
    assert_returns(1.0, top_k_hit_ratio, 4, 1.0, 9, tol=EXACT_12)
    assert_returns(1.0, top_k_hit_ratio, 4, 1.0, 4, tol=EXACT_12)
    assert_returns(0.0, top_k_hit_ratio, 4, 1.0, 0)
    assert_returns(1.0, top_k_hit_ratio, 1, 2.5, 1, tol=EXACT_12)
    assert_returns(1 / (1 + 2**-2 + 3**-2), top_k_hit_ratio, 3, 2, 1, tol=EXACT_12)


@pins("top_k_formula")
@derandomized(max_examples=40)
@given(
    n=st.integers(1, 3_000),
    s=st.sampled_from([0.0, 0.5, 0.8, 1.0, 1.1, 2.0, 3.5]),
    k=st.integers(0, 3_500),
)
def test_top_k_matches_an_exact_sum(n, s, k):
    assert_returns(top_k_oracle(n, s, k), top_k_hit_ratio, n, s, k, tol=EXACT_12)


@pins("top_k_formula")
def test_top_k_agrees_with_the_share_of_a_sampled_stream():
    stream = zipf_stream(200_000, 2_000, 0.9, seed=7)
    for k in (1, 20, 200, 1_000):
        sampled = float(np.mean(stream < k))
        analytic = top_k_hit_ratio(2_000, 0.9, k)
        se = math.sqrt(analytic * (1 - analytic) / stream.size)
        assert_equal(
            abs(sampled - analytic) <= 5 * se,
            True,
            f"|share of 200,000 Zipf(0.9) requests on the top {k} - top_k_hit_ratio(2000, 0.9, {k})|"
            f" <= 5 standard errors ({sampled:.5f} sampled vs {analytic:.5f})",
        )


@pins("top_k_errors")
def test_top_k_rejects_impossible_parameters():
    for args, name, value in (
        ((0, 1.0, 1), "n_items", "0"),
        ((-4, 1.0, 1), "n_items", "-4"),
        ((10, -0.5, 1), "s", "-0.5"),
        ((10, 1.0, -1), "k", "-1"),
        ((0, -1.0, -1), "n_items", "0"),
        ((10, -2.0, -3), "s", "-2"),
    ):
        assert_raises(ValueError, top_k_hit_ratio, *args, match=name)
        assert_raises(ValueError, top_k_hit_ratio, *args, match=value)


@pins("lru_rule")
def test_lru_hand_traced_streams():
    assert_returns(1, lru_hits, [1, 2, 1, 3, 2, 1], 2)
    assert_returns(3, lru_hits, [1, 2, 1, 3, 2, 1], 3)
    assert_returns(0, lru_hits, [5, 5, 5], 0)
    assert_returns(2, lru_hits, [5, 5, 5], 1)
    assert_returns(0, lru_hits, [], 4)
    assert_returns(0, lru_hits, [7], 1)
    # a hit refreshes recency: FIFO would evict 1 at the request for 3, LRU evicts 2
    assert_returns(2, lru_hits, [1, 2, 1, 3, 1], 2)
    # exactly full is not over capacity: 3 items fit in 3 slots
    assert_returns(3, lru_hits, [1, 2, 3, 1, 2, 3], 3)
    assert_returns(0, lru_hits, [1, 2, 3, 1, 2, 3], 2)


@pins("lru_rule")
@derandomized(max_examples=60)
@given(requests=st.lists(st.integers(0, 9), max_size=60), capacity=st.integers(0, 12))
def test_lru_matches_a_list_brute_force(requests, capacity):
    assert_returns(lru_brute_force(requests, capacity), lru_hits, requests, capacity)


@pins("lru_rule")
@derandomized(max_examples=30)
@given(requests=st.lists(st.integers(0, 15), max_size=80))
def test_a_bigger_lru_cache_never_hits_less(requests):
    hits = [lru_hits(requests, c) for c in range(0, 18)]
    assert_equal(
        all(a <= b for a, b in itertools.pairwise(hits)),
        True,
        f"hits non-decreasing in capacity 0..17 (got {hits}) for requests={requests}",
    )
    distinct = len(set(requests))
    assert_equal(
        hits[-1], len(requests) - distinct, "lru_hits(requests, 17): only first requests miss"
    )


@pins("lru_rule")
def test_lru_on_a_zipf_stream_is_close_to_che_and_below_the_static_bound():
    stream = zipf_stream(200_000, 1_000, 0.8, seed=2010)
    for capacity in (10, 50, 200, 500):
        ratio = lru_hits(stream, capacity) / stream.size
        che = che_hit_ratio(1_000, 0.8, capacity)
        bound = top_k_hit_ratio(1_000, 0.8, capacity)
        assert_equal(
            abs(ratio - che) <= 0.015 and ratio <= bound,
            True,
            f"LRU hit ratio {ratio:.4f} with capacity {capacity} on 200,000 Zipf(0.8) requests "
            f"over 1,000 items: within 0.015 of Che's approximation {che:.4f} and at most the "
            f"static top-k bound {bound:.4f}",
        )


@pins("lru_rule", "lru_input")
def test_lru_returns_a_python_int_for_lists_and_numpy_arrays():
    assert_returns(1, lru_hits, np.array([1, 2, 1, 3, 2, 1]), 2)
    assert_returns(3, lru_hits, np.array([1, 2, 1, 3, 2, 1], dtype=np.int32), 3)
    assert_returns(0, lru_hits, np.array([], dtype=np.int64), 3)
    assert_type(lru_hits(np.array([4, 4]), 1), int, "lru_hits(np.array([4, 4]), 1)")
    assert_returns(1, lru_hits, [10**12, 3, 10**12], 2)


@pins("lru_input")
def test_a_negative_capacity_raises_also_without_requests():
    assert_raises(ValueError, lru_hits, [1, 2], -1, match="capacity")
    assert_raises(ValueError, lru_hits, [1, 2], -3, match="-3")
    assert_raises(ValueError, lru_hits, [], -2, match="-2")


@pins("no_mutation", "lru_input")
def test_inputs_are_not_modified():
    requests = [3, 1, 3, 2, 1]
    assert_returns(1, lru_hits, requests, 2)
    array = np.array([3, 1, 3, 2, 1])
    assert_returns(1, lru_hits, array, 2)
    assert_returns(0.208, stream_egress_gbps, 1_000, {320: 0.5, 96: 0.5}, tol=REL)
    assert_returns(0.32, stream_egress_gbps, 1_000, {24: 0.0, 320: 1.0, 96: 0.0}, tol=REL)
    assert_returns(
        1656.0, stream_egress_gbps, 10_000_000, {24: 0.1, 96: 0.2, 160: 0.5, 320: 0.2}, tol=REL
    )
    assert_returns(4.725e15, catalogue_storage_bytes, 100_000_000, [320, 24, 160, 96], 3, tol=REL)


# --- Part 3: traffic shares ------------------------------------------------------------------


@pins("shares_formula")
def test_traffic_shares_worked_examples():
    assert_returns((0.5, 0.36, 0.14), traffic_shares, 0.5, 0.8, 0.1, tol=REL)
    assert_returns((1.0, 0.0, 0.0), traffic_shares, 1.0, 0.3, 0.5, tol=REL)
    assert_returns((0.0, 0.0, 1.0), traffic_shares, 0.0, 0.0, tol=REL)
    assert_returns((0.0, 1.0, 0.0), traffic_shares, 0.0, 1.0, tol=REL)
    assert_returns((0.25, 0.0, 0.75), traffic_shares, 0.25, 1.0, 1.0, tol=REL)
    assert_returns((0.5, 0.25, 0.25), traffic_shares, 0.5, 0.5, tol=REL)
    assert_returns((1.0, 0.0, 0.0), traffic_shares, 1, 0, 0)
    assert_returns((0.0, 1.0, 0.0), traffic_shares, 0, 1)


@pins("shares_formula")
def test_the_2010_shares_reproduce_the_published_8_8_percent():
    # 55.4 % cache and 35.8 % peers: secondary summary of Kreitz & Niemelä (2010);
    # 8.8 % from servers: the paper's abstract.
    cache, peers, servers = traffic_shares(0.554, 0.358 / (1 - 0.554))
    assert_equal(
        (round(cache, 3), round(peers, 3)),
        (0.554, 0.358),
        "traffic_shares(0.554, 0.358 / 0.446)[:2]",
    )
    assert_equal(
        abs(servers - 0.088) <= 0.001, True, f"server share {servers:.5f} within 0.001 of 0.088"
    )
    # a 15 s first piece of a 210 s track from the server needs about 86.4 % peer hits
    p = (1 - 0.088 / 0.446) / (1 - 15 / 210)
    assert_returns(
        (0.554, 0.358, 0.088),
        traffic_shares,
        0.554,
        p,
        15 / 210,
        tol=Tolerance(rel=1e-9, abs=1e-12),
    )


@pins("shares_formula")
@derandomized(max_examples=40)
@given(
    c=st.floats(0, 1),
    p=st.floats(0, 1),
    f=st.floats(0, 1),
)
def test_traffic_shares_are_floats_that_add_up_to_one(c, p, f):
    shares = traffic_shares(c, p, f)
    assert_type(shares, tuple, f"traffic_shares({c!r}, {p!r}, {f!r})")
    for value in shares:
        assert_type(value, float, f"an element of traffic_shares({c!r}, {p!r}, {f!r})")
    expected = (c, (1 - c) * p * (1 - f), (1 - c) * ((1 - p) + p * f))
    assert_returns(expected, traffic_shares, c, p, f, tol=Tolerance(rel=1e-9, abs=1e-12))
    assert_equal(
        math.fsum(shares),
        1.0,
        f"sum of traffic_shares({c!r}, {p!r}, {f!r})",
        Tolerance(rel=1e-9, abs=1e-12),
    )


@pins("shares_errors")
def test_shares_outside_zero_one_raise_naming_the_argument():
    for args, name, value in (
        ((1.5, 0.5), "cache_hit_ratio", "1.5"),
        ((-0.1, 0.5), "cache_hit_ratio", "-0.1"),
        ((0.5, 1.2), "peer_hit_ratio", "1.2"),
        ((0.5, -0.2), "peer_hit_ratio", "-0.2"),
        ((0.5, 0.5, 1.01), "first_piece_share", "1.01"),
        ((0.5, 0.5, -0.5), "first_piece_share", "-0.5"),
        ((2.0, 3.0, 4.0), "cache_hit_ratio", "2.0"),
        ((0.5, 3.0, 4.0), "peer_hit_ratio", "3.0"),
    ):
        assert_raises(ValueError, traffic_shares, *args, match=name)
        assert_raises(ValueError, traffic_shares, *args, match=value)


# --- scale -----------------------------------------------------------------------------------


def scale_stream() -> list:
    return zipf_stream(300_000, 100_000, 0.8, seed=11).tolist()


@pins("scale_lru")
def test_scale_lru_300000_requests_with_a_20000_item_cache():
    lru_hits([1, 2, 1], 2)  # fail fast, before building the large input
    stream = workload("playback_path_zipf_stream", scale_stream)

    def reference():
        cache, hits = OrderedDict(), 0
        for item in stream:
            if item in cache:
                hits += 1
                cache.move_to_end(item)
            else:
                if len(cache) == 20_000:
                    cache.popitem(last=False)
                cache[item] = None
        return hits

    assert_scales(
        lambda: lru_hits(stream, 20_000),
        reference,
        factor=10,
        what="lru_hits over 300,000 requests with capacity 20,000",
        advice="Keep the cache in an OrderedDict (move_to_end on a hit, popitem(last=False) to "
        "evict): no list.remove or scan of the cache per request.",
    )
