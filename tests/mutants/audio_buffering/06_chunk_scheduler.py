"""Plausible wrong answers to audio_buffering/06_chunk_scheduler, each breaking one contract clause."""

from workbook.contract import swap

HEADER = """import heapq
import math

CHUNK_BYTES = 16_384
SERVER = "server"


def _number(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be an int or a float, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")


"""

VALIDATION = """    if not isinstance(chunks, dict):
        raise TypeError(f"chunks must be a dict, got {type(chunks).__name__}")
    if not isinstance(peers, dict):
        raise TypeError(f"peers must be a dict, got {type(peers).__name__}")
    for chunk, deadline in chunks.items():
        if isinstance(chunk, bool) or not isinstance(chunk, int):
            raise TypeError(f"chunks: a chunk index must be an int, got {chunk!r}")
        if chunk < 0:
            raise ValueError(f"chunks: a chunk index must be >= 0, got {chunk}")
        _number(f"chunks[{chunk}]", deadline)
    for peer, entry in peers.items():
        if not isinstance(peer, str) or not isinstance(entry, tuple) or len(entry) != 2:
            raise TypeError(f"peers: each entry must be str -> (speed, outstanding), got {peer!r}")
        if peer == SERVER:
            raise ValueError(f"peers: {SERVER!r} is reserved for the server")
        speed, outstanding = entry
        _number(f"peers[{peer!r}] speed", speed)
        if speed < 0:
            raise ValueError(f"peers[{peer!r}] speed must be >= 0, got {speed}")
        if isinstance(outstanding, bool) or not isinstance(outstanding, int):
            raise TypeError(f"peers[{peer!r}] outstanding must be an int, got {outstanding!r}")
        if outstanding < 0:
            raise ValueError(f"peers[{peer!r}] outstanding must be >= 0, got {outstanding}")
    _number("margin_s", margin_s)
    if margin_s < 0:
        raise ValueError(f"margin_s must be >= 0, got {margin_s}")

"""

GOOD = (
    HEADER
    + """def schedule_chunks(chunks, peers, *, margin_s=0.0):
"""
    + VALIDATION
    + """    # (time this peer would finish one more chunk, peer id, bytes it would then have queued)
    heap = [
        ((outstanding + CHUNK_BYTES) / speed, peer, outstanding + CHUNK_BYTES, speed)
        for peer, (speed, outstanding) in peers.items()
        if speed > 0
    ]
    heapq.heapify(heap)
    requests = []
    for deadline, chunk in sorted((d, c) for c, d in chunks.items()):
        if heap and heap[0][0] <= deadline - margin_s:
            _, peer, queued, speed = heap[0]
            nxt = queued + CHUNK_BYTES
            heapq.heapreplace(heap, (nxt / speed, peer, nxt, speed))
            requests.append((chunk, peer))
        else:
            requests.append((chunk, SERVER))
    return requests
"""
)

# the same rules with a linear scan over the peers: right answers, O(c * p) time
SCAN = (
    HEADER
    + """def schedule_chunks(chunks, peers, *, margin_s=0.0):
"""
    + VALIDATION
    + """    queued = {peer: outstanding for peer, (_, outstanding) in peers.items()}
    speeds = {peer: speed for peer, (speed, _) in peers.items()}
    requests = []
    for deadline, chunk in sorted((d, c) for c, d in chunks.items()):
        usable = [peer for peer in sorted(queued) if speeds[peer] > 0]
        if usable:
            best = min(usable, key=lambda p: (queued[p] + CHUNK_BYTES) / speeds[p])
        if usable and (queued[best] + CHUNK_BYTES) / speeds[best] <= deadline - margin_s:
            queued[best] += CHUNK_BYTES
            requests.append((chunk, best))
        else:
            requests.append((chunk, SERVER))
    return requests
"""
)


SCAN_KEY = "key=lambda p: (queued[p] + CHUNK_BYTES) / speeds[p])"
SCAN_LOOP = "    for deadline, chunk in sorted((d, c) for c, d in chunks.items()):\n"
HEAP_LOOP = SCAN_LOOP
ON_TIME = "heap[0][0] <= deadline - margin_s"

MUTANTS = {
    # returns
    "returns_lists_not_tuples": (
        "returns",
        swap(GOOD, ("requests.append((chunk, peer))", "requests.append([chunk, peer])")),
    ),
    "server_spelled_with_a_capital": (
        "returns",
        swap(GOOD, ('SERVER = "server"\n', 'SERVER = "Server"\n')),
    ),
    "returns_a_tuple": (
        "returns",
        swap(GOOD, ("    return requests\n", "    return tuple(requests)\n")),
    ),
    "writes_outstanding_back_into_peers": (
        "returns",
        swap(
            SCAN,
            (
                "            queued[best] += CHUNK_BYTES\n",
                "            queued[best] += CHUNK_BYTES\n"
                "            peers[best] = (speeds[best], queued[best])\n",
            ),
        ),
    ),
    "chunk_index_as_str": (
        "returns",
        swap(GOOD, ("requests.append((chunk, peer))", "requests.append((str(chunk), peer))")),
    ),
    # chunk_order
    "chunks_in_index_order": (
        "chunk_order",
        swap(GOOD, (HEAP_LOOP, "    for chunk, deadline in sorted(chunks.items()):\n")),
    ),
    "chunks_in_dict_order": (
        "chunk_order",
        swap(GOOD, (HEAP_LOOP, "    for chunk, deadline in chunks.items():\n")),
    ),
    "equal_deadlines_by_descending_index": (
        "chunk_order",
        swap(
            GOOD,
            (
                HEAP_LOOP,
                "    for deadline, chunk in sorted(((d, c) for c, d in chunks.items()),"
                " key=lambda x: (x[0], -x[1])):\n",
            ),
        ),
    ),
    "equal_deadlines_in_dict_order": (
        "chunk_order",
        swap(
            GOOD,
            (
                HEAP_LOOP,
                "    for chunk in sorted(chunks, key=chunks.get):\n        deadline = chunks[chunk]\n",
            ),
        ),
    ),
    # completion
    "a_chunk_is_16000_bytes": (
        "completion",
        swap(GOOD, ("CHUNK_BYTES = 16_384", "CHUNK_BYTES = 16_000")),
    ),
    "completion_ignores_the_new_chunk_in_the_deadline_check": (
        "completion",
        swap(
            SCAN,
            (
                "if usable and (queued[best] + CHUNK_BYTES) / speeds[best] <= deadline",
                "if usable and queued[best] / speeds[best] <= deadline",
            ),
        ),
    ),
    "chunk_counted_as_bits": (
        "completion",
        swap(
            SCAN,
            (
                "(queued[best] + CHUNK_BYTES) / speeds[best] <=",
                "(queued[best] + CHUNK_BYTES) / speeds[best] / 8 <=",
            ),
        ),
    ),
    # peer_choice
    "fastest_peer_first": ("peer_choice", swap(SCAN, (SCAN_KEY, "key=lambda p: -speeds[p])"))),
    "ranks_by_outstanding_over_speed_without_this_chunk": (
        "peer_choice",
        swap(SCAN, (SCAN_KEY, "key=lambda p: queued[p] / speeds[p])")),
    ),
    "shortest_queue_first": ("peer_choice", swap(SCAN, (SCAN_KEY, "key=lambda p: queued[p])"))),
    "peer_ties_by_dict_order": (
        "peer_choice",
        swap(
            SCAN,
            (
                "usable = [peer for peer in sorted(queued) if",
                "usable = [peer for peer in queued if",
            ),
        ),
    ),
    "peer_ties_by_largest_id": (
        "peer_choice",
        swap(
            SCAN,
            (
                "usable = [peer for peer in sorted(queued) if",
                "usable = [peer for peer in sorted(queued, reverse=True) if",
            ),
        ),
    ),
    # accumulate
    "forgets_to_add_the_chunk_to_the_peer": (
        "accumulate",
        swap(SCAN, ("            queued[best] += CHUNK_BYTES\n", "")),
    ),
    "a_server_request_still_books_the_peer": (
        "accumulate",
        swap(
            SCAN,
            (
                "            requests.append((chunk, SERVER))\n",
                "            requests.append((chunk, SERVER))\n"
                "            if usable:\n"
                "                queued[best] += CHUNK_BYTES\n",
            ),
        ),
    ),
    "a_server_request_drops_the_best_peer": (
        "accumulate",
        swap(
            GOOD,
            (
                "            requests.append((chunk, SERVER))\n",
                "            requests.append((chunk, SERVER))\n"
                "            if heap:\n"
                "                heapq.heappop(heap)\n",
            ),
        ),
    ),
    "adds_a_chunk_to_every_peer": (
        "accumulate",
        swap(
            SCAN,
            (
                "            queued[best] += CHUNK_BYTES\n",
                "            for p in queued:\n                queued[p] += CHUNK_BYTES\n",
            ),
        ),
    ),
    # deadline
    "exactly_at_the_deadline_is_late": (
        "deadline",
        swap(GOOD, (ON_TIME, "heap[0][0] < deadline - margin_s")),
    ),
    "margin_added_to_the_deadline": (
        "deadline",
        swap(GOOD, (ON_TIME, "heap[0][0] <= deadline + margin_s")),
    ),
    "margin_ignored": ("deadline", swap(GOOD, (ON_TIME, "heap[0][0] <= deadline"))),
    "margin_counted_twice": (
        "deadline",
        swap(GOOD, (ON_TIME, "heap[0][0] <= deadline - 2 * margin_s")),
    ),
    "never_escalates_to_the_server": ("deadline", swap(GOOD, (ON_TIME, "True"))),
    "late_chunks_skipped": (
        "deadline",
        swap(GOOD, ("            requests.append((chunk, SERVER))\n", "            pass\n")),
    ),
    # zero_speed
    "zero_speed_divides_by_zero": ("zero_speed", swap(GOOD, ("        if speed > 0\n", ""))),
    "zero_speed_treated_as_one_byte_per_second": (
        "zero_speed",
        swap(
            GOOD,
            (
                "        ((outstanding + CHUNK_BYTES) / speed, peer, outstanding + CHUNK_BYTES, speed)\n"
                "        for peer, (speed, outstanding) in peers.items()\n"
                "        if speed > 0\n",
                "        ((outstanding + CHUNK_BYTES) / (speed or 1), peer, outstanding + CHUNK_BYTES, speed or 1)\n"
                "        for peer, (speed, outstanding) in peers.items()\n",
            ),
        ),
    ),
    "no_peers_crashes": ("zero_speed", swap(GOOD, ("if heap and heap[0][0]", "if heap[0][0]"))),
    # errors
    "bool_speed_accepted": (
        "errors",
        swap(GOOD, ("    if isinstance(value, bool) or not isinstance", "    if not isinstance")),
    ),
    "server_peer_id_accepted": (
        "errors",
        swap(GOOD, ("        if peer == SERVER:\n", "        if False:\n")),
    ),
    "negative_outstanding_accepted": (
        "errors",
        swap(GOOD, ("        if outstanding < 0:\n", "        if False:\n")),
    ),
    "float_outstanding_accepted": (
        "errors",
        swap(
            GOOD,
            ("not isinstance(outstanding, int):", "not isinstance(outstanding, (int, float)):"),
        ),
    ),
    "negative_margin_accepted": (
        "errors",
        swap(GOOD, ("    if margin_s < 0:\n", "    if False:\n")),
    ),
    "nan_deadline_accepted": (
        "errors",
        swap(GOOD, ('        _number(f"chunks[{chunk}]", deadline)\n', "")),
    ),
    "negative_chunk_index_accepted": (
        "errors",
        swap(GOOD, ("        if chunk < 0:\n", "        if False:\n")),
    ),
    "validates_peers_only_when_used": (
        "errors",
        swap(
            GOOD,
            (
                "    for peer, entry in peers.items():\n",
                "    for peer, entry in (peers.items() if chunks else ()):\n",
            ),
        ),
    ),
    "message_does_not_name_the_argument": (
        "errors",
        swap(
            GOOD,
            (
                '        raise ValueError(f"margin_s must be >= 0',
                '        raise ValueError(f"must be >= 0',
            ),
        ),
    ),
    # scale
    "scans_every_peer_per_chunk": ("scale", SCAN),
    "sorts_the_peers_per_chunk": (
        "scale",
        swap(
            SCAN,
            (
                "            best = min(usable, " + SCAN_KEY + "\n",
                "            best = sorted(usable, " + SCAN_KEY + "[0]\n",
            ),
        ),
    ),
    "finds_the_most_urgent_chunk_by_scanning": (
        "scale",
        swap(
            GOOD,
            (
                HEAP_LOOP,
                "    remaining = dict(chunks)\n"
                "    while remaining:\n"
                "        chunk = min(remaining, key=lambda c: (remaining[c], c))\n"
                "        deadline = remaining.pop(chunk)\n",
            ),
        ),
    ),
}
