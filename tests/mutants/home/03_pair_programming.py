"""Fixes and extensions a candidate writes in the pair-programming session, each breaking one clause."""

from workbook.contract import swap

MODULE = """
class UpNext:
    def __init__(self, clock=time.time):
        self._clock = clock
        self._heap = []
        self._context_order = itertools.count()
        self._queued_order = itertools.count()
        self._queued = defaultdict(deque)
        self._removed = set()

    def add_to_queue(self, track_id):
        check_track(track_id)
        order = next(self._queued_order)
        self._queued[track_id].append(order)
        heapq.heappush(self._heap, (QUEUED, order, track_id))

    def set_context(self, track_ids):
        for track_id in track_ids:
            check_track(track_id)
        self._heap = [entry for entry in self._heap if entry[0] == QUEUED]
        heapq.heapify(self._heap)
        for track_id in track_ids:
            heapq.heappush(self._heap, (CONTEXT, next(self._context_order), track_id))

    def next(self):
        while self._heap:
            tier, order, track_id = heapq.heappop(self._heap)
            if tier == CONTEXT:
                return track_id
            if order in self._removed:
                self._removed.discard(order)
                continue
            self._queued[track_id].popleft()
            return track_id
        return None

    def upcoming(self, k):
        ahead = heapq.nsmallest(k + len(self._removed), self._heap)
        live = [t for tier, order, t in ahead if tier == CONTEXT or order not in self._removed]
        return live[:k]

    def remove(self, track_id):
        check_track(track_id)
        copies = self._queued.get(track_id)
        if not copies:
            return False
        self._removed.add(copies.popleft())
        return True

    def __len__(self):
        return len(self._heap) - len(self._removed)
"""
TEST = """
def test_tracks_queued_within_one_millisecond_keep_their_order(make_queue=UpNext):
    queue = make_queue(clock=lambda: 1_700_000_000.0)
    for track in ["zebra", "apple", "mango"]:
        queue.add_to_queue(track)
    assert [queue.next() for _ in range(3)] == ["zebra", "apple", "mango"]
"""
ORDER = "order = next(self._queued_order)"

MUTANTS = {
    "clock_in_microseconds": (
        "queue_order",
        swap(MODULE, (ORDER, "order = int(self._clock() * 1_000_000)")),
    ),
    "clock_then_counter": (
        "queue_order",
        swap(MODULE, (ORDER, "order = (self._clock(), next(self._queued_order))")),
    ),
    "monotonic_clock_instead_of_a_counter": (
        "queue_order",
        swap(MODULE, (ORDER, "order = time.monotonic_ns()")),
    ),
    "newest_queued_first": (
        "queue_order",
        swap(MODULE, (ORDER, "order = -next(self._queued_order)")),
    ),
    "context_replaces_the_queue_too": (
        "context",
        swap(MODULE, ("if entry[0] == QUEUED]", "if False]")),
    ),
    "context_appended_to_the_old_one": (
        "context",
        swap(
            MODULE, ("self._heap = [entry for entry in self._heap if entry[0] == QUEUED]", "pass")
        ),
    ),
    "remove_takes_the_latest_copy": (
        "remove",
        swap(
            MODULE,
            ("self._removed.add(copies.popleft())", "self._removed.add(copies.pop())"),
            ("self._queued[track_id].popleft()", "self._queued[track_id].remove(order)"),
        ),
    ),
    "remove_returns_none_when_absent": (
        "remove",
        swap(
            MODULE,
            (
                "        if not copies:\n            return False",
                "        if not copies:\n            return None",
            ),
        ),
    ),
    "remove_reaches_into_the_context": (
        "remove",
        MODULE
        + """
_remove = UpNext.remove
def _remove_anywhere(self, track_id):
    if _remove(self, track_id):
        return True
    for entry in self._heap:
        if entry[2] == track_id:
            self._heap.remove(entry)
            heapq.heapify(self._heap)
            return True
    return False
UpNext.remove = _remove_anywhere
""",
    ),
    "remove_accepts_any_id": (
        "remove",
        swap(
            MODULE,
            (
                "    def remove(self, track_id):\n        check_track(track_id)\n",
                "    def remove(self, track_id):\n",
            ),
        ),
    ),
    "upcoming_shows_removed_tracks": (
        "upcoming",
        swap(
            MODULE,
            (
                "ahead = heapq.nsmallest(k + len(self._removed), self._heap)",
                "return [t for _, _, t in heapq.nsmallest(k, self._heap)]",
            ),
        ),
    ),
    "upcoming_asks_for_only_k": (
        "upcoming",
        swap(
            MODULE,
            (
                "heapq.nsmallest(k + len(self._removed), self._heap)",
                "heapq.nsmallest(k, self._heap)",
            ),
        ),
    ),
    "len_counts_removed_tracks": (
        "upcoming",
        swap(MODULE, ("return len(self._heap) - len(self._removed)", "return len(self._heap)")),
    ),
    "remove_searches_and_rebuilds_the_heap": (
        "complexity",
        swap(
            MODULE,
            (
                "        self._removed.add(copies.popleft())\n        return True",
                "        order = copies.popleft()\n"
                "        self._heap.remove(next(e for e in self._heap if e[1] == order))\n"
                "        heapq.heapify(self._heap)\n        return True",
            ),
        ),
    ),
    "removed_orders_kept_in_a_list": (
        "complexity",
        swap(
            MODULE,
            ("self._removed = set()", "self._removed = []"),
            ("self._removed.add(copies.popleft())", "self._removed.append(copies.popleft())"),
            ("self._removed.discard(order)", "self._removed.remove(order)"),
        ),
    ),
    "regression_test_with_a_real_clock": (
        "regression_test",
        swap(
            TEST,
            ("make_queue(clock=lambda: 1_700_000_000.0)", "make_queue()"),
            ('["zebra", "apple", "mango"]', '["apple", "mango", "zebra"]'),
        ),
    ),
    "regression_test_builds_its_own_queue": (
        "regression_test",
        swap(TEST, ("queue = make_queue(clock=", "queue = UpNext(clock=")),
    ),
    "regression_test_expects_the_bug": (
        "regression_test",
        swap(TEST, ('== ["zebra", "apple", "mango"]', '== ["apple", "mango", "zebra"]')),
    ),
}
