"""Plausible wrong answers to audio_buffering/10_design_playback_path, each breaking one clause.

Each source redefines one function; the rest of the solution stays in place.
"""

EGRESS = """
def stream_egress_gbps(concurrent_streams: float, bitrate_mix: dict[float, float]) -> float:
    if concurrent_streams < 0:
        raise ValueError(f"concurrent_streams must be >= 0, got {concurrent_streams}")
    if not bitrate_mix:
        raise ValueError(f"bitrate_mix must not be empty, got {bitrate_mix!r}")
    for kbps, share in bitrate_mix.items():
        if kbps <= 0:
            raise ValueError(f"bitrate_mix: a bitrate must be > 0 kbps, got {kbps}")
        if share < 0:
            raise ValueError(f"bitrate_mix: a share must be >= 0, got {share}")
    total = math.fsum(bitrate_mix.values())
    if abs(total - 1) > 1e-9:
        raise ValueError(f"bitrate_mix shares must add up to 1, got {total}")
    mean_kbps = math.fsum(kbps * share for kbps, share in bitrate_mix.items())
    return float(concurrent_streams * mean_kbps * 1_000 / 1e9)
"""

ORIGIN = """
def origin_gbps(edge_gbps: float, edge_hit_ratio: float) -> float:
    if edge_gbps < 0:
        raise ValueError(f"edge_gbps must be >= 0, got {edge_gbps}")
    if not 0 <= edge_hit_ratio <= 1:
        raise ValueError(f"edge_hit_ratio must be in [0, 1], got {edge_hit_ratio}")
    return float(edge_gbps * (1 - edge_hit_ratio))
"""

STORAGE = """
def catalogue_storage_bytes(
    tracks: float, bitrates_kbps: list[float], replicas: float, duration_s: float = TRACK_S
) -> float:
    if tracks < 0:
        raise ValueError(f"tracks must be >= 0, got {tracks}")
    if len(bitrates_kbps) == 0:
        raise ValueError(f"bitrates_kbps must not be empty, got {bitrates_kbps!r}")
    seen = set()
    for kbps in bitrates_kbps:
        if kbps <= 0:
            raise ValueError(f"bitrates_kbps: a bitrate must be > 0, got {kbps}")
        if kbps in seen:
            raise ValueError(f"bitrates_kbps lists {kbps} twice")
        seen.add(kbps)
    if replicas < 1:
        raise ValueError(f"replicas must be >= 1, got {replicas}")
    if duration_s < 0:
        raise ValueError(f"duration_s must be >= 0, got {duration_s}")
    bytes_per_track = duration_s * math.fsum(bitrates_kbps) * 1_000 / 8
    return float(tracks * bytes_per_track * replicas)
"""

SERVERS = """
def edge_servers(egress_gbps: float, nic_gbps: float, utilisation: float) -> int:
    if egress_gbps < 0:
        raise ValueError(f"egress_gbps must be >= 0, got {egress_gbps}")
    if nic_gbps <= 0:
        raise ValueError(f"nic_gbps must be > 0, got {nic_gbps}")
    if not 0 < utilisation <= 1:
        raise ValueError(f"utilisation must be in (0, 1], got {utilisation}")
    quotient = egress_gbps / (nic_gbps * utilisation)
    nearest = round(quotient)
    if abs(quotient - nearest) <= 1e-9 * quotient:
        return int(nearest)  # 3.0000000000000004 is float noise, not a fourth server
    return math.ceil(quotient)
"""

TOP_K = """
def top_k_hit_ratio(n_items: int, s: float, k: int) -> float:
    for name, value, low in (("n_items", n_items, 1), ("s", s, 0), ("k", k, 0)):
        if value < low:
            raise ValueError(f"{name} must be >= {low}, got {value}")
    weights = np.arange(1, n_items + 1, dtype=np.float64) ** -float(s)
    top = math.fsum(weights[: min(k, n_items)])
    return float(top / math.fsum(weights))
"""

LRU = """
def lru_hits(requests: list[int], capacity: int) -> int:
    if capacity < 0:
        raise ValueError(f"capacity must be >= 0, got {capacity}")
    if capacity == 0:
        return 0
    cache: OrderedDict[int, None] = OrderedDict()  # least recently used first
    hits = 0
    for item in np.asarray(requests).tolist():
        if item in cache:
            hits += 1
            cache.move_to_end(item)
        else:
            if len(cache) == capacity:
                cache.popitem(last=False)
            cache[item] = None
    return hits
"""

SHARES = """
def traffic_shares(
    cache_hit_ratio: float, peer_hit_ratio: float, first_piece_share: float = 0.0
) -> tuple[float, float, float]:
    for name, value in (
        ("cache_hit_ratio", cache_hit_ratio),
        ("peer_hit_ratio", peer_hit_ratio),
        ("first_piece_share", first_piece_share),
    ):
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must be in [0, 1], got {value}")
    missed = 1 - cache_hit_ratio
    peers = missed * peer_hit_ratio * (1 - first_piece_share)
    servers = missed * ((1 - peer_hit_ratio) + peer_hit_ratio * first_piece_share)
    return (float(cache_hit_ratio), float(peers), float(servers))
"""


def patch(source: str, *pairs: str) -> str:
    """`source` with each (old, new) replaced; every `old` must occur."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


MUTANTS = {
    # --- units and the egress formula
    "egress_in_binary_gigabits": (
        "units",
        patch(EGRESS, "mean_kbps * 1_000 / 1e9", "mean_kbps * 1_024 / 2**30"),
    ),
    "egress_in_mbps": (
        "units",
        patch(EGRESS, "mean_kbps * 1_000 / 1e9", "mean_kbps * 1_000 / 1e6"),
    ),
    "storage_in_bits": (
        "units",
        patch(STORAGE, "* 1_000 / 8", "* 1_000"),
    ),
    "storage_in_kibibytes_per_kbit": (
        "units",
        patch(STORAGE, "* 1_000 / 8", "* 1_024 / 8"),
    ),
    "mean_of_the_bitrates_ignoring_shares": (
        "egress_formula",
        patch(
            EGRESS,
            "mean_kbps = math.fsum(kbps * share for kbps, share in bitrate_mix.items())",
            "mean_kbps = math.fsum(bitrate_mix) / len(bitrate_mix)",
        ),
    ),
    "shares_must_sum_exactly_to_one": (
        "egress_formula",
        patch(EGRESS, "if abs(total - 1) > 1e-9:", "if sum(bitrate_mix.values()) != 1:"),
    ),
    "every_stream_at_the_top_bitrate": (
        "egress_formula",
        patch(
            EGRESS,
            "mean_kbps = math.fsum(kbps * share for kbps, share in bitrate_mix.items())",
            "mean_kbps = max(kbps for kbps, share in bitrate_mix.items() if share > 0)",
        ),
    ),
    # --- origin
    "origin_serves_the_hits": (
        "origin_formula",
        patch(ORIGIN, "edge_gbps * (1 - edge_hit_ratio)", "edge_gbps * edge_hit_ratio"),
    ),
    # --- storage
    "replicas_ignored": (
        "storage_formula",
        patch(STORAGE, "tracks * bytes_per_track * replicas", "tracks * bytes_per_track"),
    ),
    "original_plus_replicas": (
        "storage_formula",
        patch(
            STORAGE,
            "tracks * bytes_per_track * replicas",
            "tracks * bytes_per_track * (replicas + 1)",
        ),
    ),
    "top_bitrate_only": (
        "storage_formula",
        patch(STORAGE, "math.fsum(bitrates_kbps)", "max(bitrates_kbps)"),
    ),
    "four_minute_default_track": (
        "storage_formula",
        patch(STORAGE, "duration_s: float = TRACK_S", "duration_s: float = 240"),
    ),
    # --- servers
    "servers_plain_ceil": (
        "servers_round_up",
        patch(
            SERVERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 3.0000000000000004 is float noise, not a fourth server\n",
            "",
        ),
    ),
    "servers_int_plus_one": (
        "servers_round_up",
        patch(
            SERVERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 3.0000000000000004 is float noise, not a fourth server\n    return math.ceil(quotient)\n",
            "    return int(quotient) + 1\n",
        ),
    ),
    "servers_rounded_to_nearest": (
        "servers_round_up",
        patch(SERVERS, "    return math.ceil(quotient)\n", "    return round(quotient)\n"),
    ),
    "at_least_one_server": (
        "servers_round_up",
        patch(
            SERVERS,
            "    return math.ceil(quotient)\n",
            "    return max(1, math.ceil(quotient))\n",
            "        return int(nearest)  #",
            "        return max(1, int(nearest))  #",
        ),
    ),
    "utilisation_ignored": (
        "servers_round_up",
        patch(SERVERS, "egress_gbps / (nic_gbps * utilisation)", "egress_gbps / nic_gbps"),
    ),
    "servers_snap_loosely": (
        "servers_round_up",
        patch(SERVERS, "<= 1e-9 * quotient", "<= 1e-3 * quotient"),
    ),
    "divided_in_two_steps_without_snap": (
        "servers_round_up",
        patch(
            SERVERS,
            "    quotient = egress_gbps / (nic_gbps * utilisation)\n    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 3.0000000000000004 is float noise, not a fourth server\n",
            "    quotient = egress_gbps / nic_gbps / utilisation\n",
        ),
    ),
    # --- types
    "servers_as_float": (
        "estimate_types",
        patch(
            SERVERS,
            "return int(nearest)",
            "return float(nearest)",
            "return math.ceil(quotient)",
            "return float(math.ceil(quotient))",
        ),
    ),
    "origin_keeps_int_arithmetic": (
        "estimate_types",
        patch(
            ORIGIN,
            "return float(edge_gbps * (1 - edge_hit_ratio))",
            "return edge_gbps * (1 - edge_hit_ratio)",
        ),
    ),
    "storage_keeps_int_arithmetic": (
        "estimate_types",
        patch(
            STORAGE,
            "    bytes_per_track = duration_s * math.fsum(bitrates_kbps) * 1_000 / 8\n    return float(tracks * bytes_per_track * replicas)\n",
            "    return tracks * duration_s * sum(bitrates_kbps) * 125 * replicas\n",
        ),
    ),
    # --- estimate errors
    "shares_not_checked": (
        "estimate_errors",
        patch(EGRESS, "if abs(total - 1) > 1e-9:", "if False:"),
    ),
    "mix_checked_before_streams": (
        "estimate_errors",
        patch(
            EGRESS,
            '    if concurrent_streams < 0:\n        raise ValueError(f"concurrent_streams must be >= 0, got {concurrent_streams}")\n    if not bitrate_mix:\n        raise ValueError(f"bitrate_mix must not be empty, got {bitrate_mix!r}")\n',
            '    if not bitrate_mix:\n        raise ValueError(f"bitrate_mix must not be empty, got {bitrate_mix!r}")\n    if concurrent_streams < 0:\n        raise ValueError(f"concurrent_streams must be >= 0, got {concurrent_streams}")\n',
        ),
    ),
    "sum_error_without_the_sum": (
        "estimate_errors",
        patch(
            EGRESS,
            'raise ValueError(f"bitrate_mix shares must add up to 1, got {total}")',
            'raise ValueError("bitrate_mix shares must add up to 1")',
        ),
    ),
    "duplicate_bitrates_collapsed": (
        "estimate_errors",
        patch(STORAGE, "        if kbps in seen:\n", "        if False:\n"),
    ),
    "hit_ratio_not_checked": (
        "estimate_errors",
        patch(ORIGIN, "    if not 0 <= edge_hit_ratio <= 1:\n", "    if False:\n"),
    ),
    "zero_utilisation_divides_by_zero": (
        "estimate_errors",
        patch(SERVERS, "if not 0 < utilisation <= 1:", "if not 0 <= utilisation <= 1:"),
    ),
    "fractional_replica_allowed": (
        "estimate_errors",
        patch(STORAGE, "if replicas < 1:", "if replicas <= 0:"),
    ),
    "zero_nic_allowed": (
        "estimate_errors",
        patch(SERVERS, "if nic_gbps <= 0:", "if nic_gbps < 0:"),
    ),
    # --- top-k
    "ranks_from_zero_shifted": (
        "top_k_formula",
        patch(
            TOP_K,
            "np.arange(1, n_items + 1, dtype=np.float64)",
            "np.arange(2, n_items + 2, dtype=np.float64)",
        ),
    ),
    "normalised_over_the_top_k": (
        "top_k_formula",
        patch(
            TOP_K,
            "return float(top / math.fsum(weights))",
            "return float(top / math.fsum(weights[: max(k, 1)]))",
        ),
    ),
    "top_k_plus_one": (
        "top_k_formula",
        patch(TOP_K, "weights[: min(k, n_items)]", "weights[: min(k + 1, n_items)]"),
    ),
    "exponent_sign_flipped": (
        "top_k_formula",
        patch(TOP_K, "** -float(s)", "** float(s)"),
    ),
    "continuous_approximation": (
        "top_k_formula",
        patch(
            TOP_K,
            "    weights = np.arange(1, n_items + 1, dtype=np.float64) ** -float(s)\n    top = math.fsum(weights[: min(k, n_items)])\n    return float(top / math.fsum(weights))\n",
            "    if s == 1:\n        return float(math.log(min(k, n_items) + 1) / math.log(n_items + 1))\n"
            "    top = (min(k, n_items) + 1) ** (1 - s) - 1\n    return float(top / ((n_items + 1) ** (1 - s) - 1))\n",
        ),
    ),
    "numpy_float_ratio": (
        "top_k_formula",
        patch(
            TOP_K,
            "    top = math.fsum(weights[: min(k, n_items)])\n    return float(top / math.fsum(weights))\n",
            "    return weights[:k].sum() / weights.sum()\n",
        ),
    ),
    "negative_exponent_allowed": (
        "top_k_errors",
        patch(
            TOP_K,
            '(("n_items", n_items, 1), ("s", s, 0), ("k", k, 0))',
            '(("n_items", n_items, 1), ("k", k, 0))',
        ),
    ),
    "k_checked_before_s": (
        "top_k_errors",
        patch(
            TOP_K,
            '(("n_items", n_items, 1), ("s", s, 0), ("k", k, 0))',
            '(("n_items", n_items, 1), ("k", k, 0), ("s", s, 0))',
        ),
    ),
    # --- LRU
    "fifo_hits_do_not_refresh": (
        "lru_rule",
        patch(LRU, "            cache.move_to_end(item)\n", ""),
    ),
    "evicts_the_most_recent": (
        "lru_rule",
        patch(LRU, "cache.popitem(last=False)", "cache.popitem(last=True)"),
    ),
    "evicts_one_too_early": (
        "lru_rule",
        patch(LRU, "if len(cache) == capacity:", "if len(cache) >= capacity - 1 and cache:"),
    ),
    "capacity_zero_holds_one_item": (
        "lru_rule",
        patch(LRU, "    if capacity == 0:\n        return 0\n", ""),
    ),
    "returns_the_hit_ratio": (
        "lru_rule",
        patch(LRU, "    return hits\n", "    return hits / max(len(requests), 1)\n"),
    ),
    "warm_cache_counts_first_requests": (
        "lru_rule",
        patch(
            LRU,
            "            cache[item] = None\n",
            "            cache[item] = None\n            hits += 1\n",
        ),
    ),
    "numpy_int_count": (
        "lru_input",
        patch(LRU, "    return hits\n", "    return np.int64(hits)\n"),
    ),
    "negative_capacity_never_hits": (
        "lru_input",
        patch(
            LRU,
            "    if capacity < 0:\n",
            "    if False:\n",
            "if capacity == 0:",
            "if capacity <= 0:",
        ),
    ),
    "capacity_checked_only_with_requests": (
        "lru_input",
        patch(
            LRU,
            "    if capacity < 0:\n",
            "    if len(requests) and capacity < 0:\n",
            "if capacity == 0:",
            "if capacity <= 0:",
        ),
    ),
    "consumes_the_request_list": (
        "no_mutation",
        patch(
            LRU,
            "    for item in np.asarray(requests).tolist():\n",
            "    queue = requests if isinstance(requests, list) else np.asarray(requests).tolist()\n"
            "    while queue:\n        item = queue.pop()\n",
        ),
    ),
    "drops_unused_bitrates_from_the_mix": (
        "no_mutation",
        patch(
            EGRESS,
            "    total = math.fsum(bitrate_mix.values())\n",
            "    for kbps in [k for k, share in bitrate_mix.items() if share == 0]:\n"
            "        del bitrate_mix[kbps]\n    total = math.fsum(bitrate_mix.values())\n",
        ),
    ),
    "sorts_the_bitrates_in_place": (
        "no_mutation",
        patch(
            STORAGE,
            "    seen = set()\n",
            "    if isinstance(bitrates_kbps, list):\n        bitrates_kbps.sort()\n    seen = set()\n",
        ),
    ),
    "list_based_lru": (
        "scale_lru",
        patch(
            LRU,
            "    cache: OrderedDict[int, None] = OrderedDict()  # least recently used first\n    hits = 0\n    for item in np.asarray(requests).tolist():\n        if item in cache:\n            hits += 1\n            cache.move_to_end(item)\n        else:\n            if len(cache) == capacity:\n                cache.popitem(last=False)\n            cache[item] = None\n",
            "    cache = []\n    hits = 0\n    for item in np.asarray(requests).tolist():\n        if item in cache:\n            hits += 1\n            cache.remove(item)\n        elif len(cache) == capacity:\n            cache.pop(0)\n        cache.append(item)\n",
        ),
    ),
    # --- traffic shares
    "first_piece_lost": (
        "shares_formula",
        patch(
            SHARES,
            "missed * ((1 - peer_hit_ratio) + peer_hit_ratio * first_piece_share)",
            "missed * (1 - peer_hit_ratio)",
        ),
    ),
    "peer_ratio_read_as_a_share_of_all_bytes": (
        "shares_formula",
        patch(
            SHARES,
            "    peers = missed * peer_hit_ratio * (1 - first_piece_share)\n    servers = missed * ((1 - peer_hit_ratio) + peer_hit_ratio * first_piece_share)\n",
            "    peers = peer_hit_ratio * (1 - first_piece_share)\n    servers = 1 - cache_hit_ratio - peers\n",
        ),
    ),
    "first_piece_for_every_miss": (
        "shares_formula",
        patch(
            SHARES,
            "    peers = missed * peer_hit_ratio * (1 - first_piece_share)\n    servers = missed * ((1 - peer_hit_ratio) + peer_hit_ratio * first_piece_share)\n",
            "    peers = missed * peer_hit_ratio * (1 - first_piece_share)\n    servers = missed * ((1 - peer_hit_ratio) + first_piece_share)\n",
        ),
    ),
    "shares_as_a_list": (
        "shares_formula",
        patch(
            SHARES,
            "return (float(cache_hit_ratio), float(peers), float(servers))",
            "return [float(cache_hit_ratio), float(peers), float(servers)]",
        ),
    ),
    "shares_keep_int_arithmetic": (
        "shares_formula",
        patch(
            SHARES,
            "return (float(cache_hit_ratio), float(peers), float(servers))",
            "return (cache_hit_ratio, peers, servers)",
        ),
    ),
    "shares_not_validated": (
        "shares_errors",
        patch(SHARES, "        if not 0 <= value <= 1:\n", "        if value < 0:\n"),
    ),
    "shares_checked_in_reverse": (
        "shares_errors",
        patch(
            SHARES,
            '        ("cache_hit_ratio", cache_hit_ratio),\n        ("peer_hit_ratio", peer_hit_ratio),\n',
            '        ("peer_hit_ratio", peer_hit_ratio),\n        ("cache_hit_ratio", cache_hit_ratio),\n',
        ),
    ),
}
