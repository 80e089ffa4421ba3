"""Plausible wrong answers to event_streams/07_trending_top_k, each breaking one contract clause."""

from workbook.contract import swap

GOOD = '''
import hashlib
import math
from collections import OrderedDict


def row_hash(item: str, row: int) -> int:
    """A deterministic 64-bit hash of `item` for Count-Min row `row` (blake2b salted with the row)."""
    digest = hashlib.blake2b(
        item.encode("utf-8"), digest_size=8, salt=row.to_bytes(16, "little")
    ).digest()
    return int.from_bytes(digest, "little")


class SpaceSaving:
    """The k most frequent items of a stream, in k counters (Metwally et al. 2005)."""

    def __init__(self, k: int) -> None:
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k must be an int, got {k!r}")
        if k <= 0:
            raise ValueError(f"k must be positive, got {k}")
        self._k = k
        self._count: dict[str, int] = {}
        self._error: dict[str, int] = {}
        # count -> items holding that count, in the order they reached it (oldest first)
        self._buckets: dict[int, OrderedDict[str, None]] = {}
        self._min = 0

    def add(self, item: str) -> None:
        """Count one occurrence of `item`."""
        count = self._count.get(item, 0)
        if count:  # monitored: it leaves its bucket
            del self._buckets[count][item]
        elif len(self._count) == self._k:  # full: take over the counter that reached min first
            count = self._min
            victim, _ = self._buckets[count].popitem(last=False)
            del self._count[victim], self._error[victim]
            self._error[item] = count
        else:
            self._error[item] = 0
            self._min = 1
        if count and not self._buckets[count]:
            del self._buckets[count]
            if self._min == count:
                self._min = count + 1  # counts grow by one: nothing lies in between
        self._count[item] = count + 1
        if count + 1 not in self._buckets:
            self._buckets[count + 1] = OrderedDict()
        self._buckets[count + 1][item] = None

    def top(self) -> list[tuple[str, int, int]]:
        """Every monitored item as (item, count, error): count descending, then item ascending."""
        return sorted(
            ((item, count, self._error[item]) for item, count in self._count.items()),
            key=lambda entry: (-entry[1], entry[0]),
        )


class CountMin:
    """Approximate counts: overcount at most epsilon * N with probability 1 - delta."""

    def __init__(self, epsilon: float, delta: float) -> None:
        for name, value in (("epsilon", epsilon), ("delta", delta)):
            if not 0 < value < 1:
                raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
        self.width = math.ceil(math.e / epsilon)
        self.depth = math.ceil(math.log(1 / delta))
        self._table = [[0] * self.width for _ in range(self.depth)]

    def add(self, item: str) -> None:
        """Count one occurrence of `item`: one cell per row."""
        for row, cells in enumerate(self._table):
            cells[row_hash(item, row) % self.width] += 1

    def estimate(self, item: str) -> int:
        """The smallest of `item`'s cells: never below its true count."""
        return min(cells[row_hash(item, row) % self.width] for row, cells in enumerate(self._table))
'''


TOP_KEY = "key=lambda entry: (-entry[1], entry[0])"

MUTANTS = {
    # top_returns
    "entries_are_lists": (
        "top_returns",
        swap(
            GOOD, ("((item, count, self._error[item]) for", "([item, count, self._error[item]] for")
        ),
    ),
    "ties_in_insertion_order": (
        "top_returns",
        swap(GOOD, (TOP_KEY, "key=lambda entry: -entry[1]")),
    ),
    "ascending_counts": (
        "top_returns",
        swap(GOOD, (TOP_KEY, "key=lambda entry: (entry[1], entry[0])")),
    ),
    # replacement
    "evicts_the_most_recent_at_the_minimum": (
        "replacement",
        swap(GOOD, ("popitem(last=False)", "popitem(last=True)")),
    ),
    "evicts_the_smallest_id_at_the_minimum": (
        "replacement",
        swap(
            GOOD,
            (
                "            victim, _ = self._buckets[count].popitem(last=False)\n",
                "            victim = min(self._buckets[count])\n"
                "            del self._buckets[count][victim]\n",
            ),
        ),
    ),
    # guarantee
    "newcomer_error_is_zero": (
        "guarantee",
        swap(
            GOOD, ("            self._error[item] = count\n", "            self._error[item] = 0\n")
        ),
    ),
    # dimensions
    "width_rounded_down": (
        "dimensions",
        swap(
            GOOD, ("self.width = math.ceil(math.e / epsilon)", "self.width = int(math.e / epsilon)")
        ),
    ),
    "depth_in_bits": (
        "dimensions",
        swap(GOOD, ("math.ceil(math.log(1 / delta))", "math.ceil(math.log2(1 / delta))")),
    ),
    # hashing
    "one_hash_for_every_row": (
        "hashing",
        swap(GOOD, ("row_hash(item, row) % self.width", "row_hash(item, 0) % self.width")),
    ),
    "conservative_update": (
        "hashing",
        swap(
            GOOD,
            (
                "        for row, cells in enumerate(self._table):\n"
                "            cells[row_hash(item, row) % self.width] += 1\n",
                "        smallest = self.estimate(item)\n"
                "        for row, cells in enumerate(self._table):\n"
                "            column = row_hash(item, row) % self.width\n"
                "            if cells[column] == smallest:\n"
                "                cells[column] += 1\n",
            ),
        ),
    ),
    # estimate
    "rows_aliased": (
        "estimate",
        swap(
            GOOD,
            ("[[0] * self.width for _ in range(self.depth)]", "[[0] * self.width] * self.depth"),
        ),
    ),
    "only_the_smallest_cell_incremented": (
        "estimate",
        swap(
            GOOD,
            (
                "        for row, cells in enumerate(self._table):\n"
                "            cells[row_hash(item, row) % self.width] += 1\n",
                "        columns = [row_hash(item, r) % self.width for r in range(self.depth)]\n"
                "        row = min(range(self.depth), key=lambda r: self._table[r][columns[r]])\n"
                "        self._table[row][columns[row]] += 1\n",
            ),
        ),
    ),
    "estimate_is_the_mean": (
        "estimate",
        swap(
            GOOD,
            (
                "        return min(cells[row_hash(item, row) % self.width] for row, cells in enumerate(self._table))\n",
                "        return sum(cells[row_hash(item, row) % self.width] for row, cells in enumerate(self._table)) / self.depth\n",
            ),
        ),
    ),
    # errors
    "float_k_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "        if isinstance(k, bool) or not isinstance(k, int):\n"
                '            raise TypeError(f"k must be an int, got {k!r}")\n',
                "",
            ),
        ),
    ),
    "zero_k_accepted": (
        "errors",
        swap(GOOD, ("        if k <= 0:\n", "        if k < 0:\n")),
    ),
    "nan_accepted": (
        "errors",
        swap(
            GOOD,
            ("            if not 0 < value < 1:\n", "            if value <= 0 or value >= 1:\n"),
            ("        self.width = math.ceil(math.e / epsilon)\n", "        self.width = 10\n"),
            ("        self.depth = math.ceil(math.log(1 / delta))\n", "        self.depth = 2\n"),
        ),
    ),
    "delta_checked_first": (
        "errors",
        swap(
            GOOD,
            (
                '(("epsilon", epsilon), ("delta", delta))',
                '(("delta", delta), ("epsilon", epsilon))',
            ),
        ),
    ),
    # independent
    "counters_shared_by_the_class": (
        "independent",
        swap(
            GOOD,
            ("class SpaceSaving:\n", "class SpaceSaving:\n    _shared: dict = {}\n\n"),
            (
                "        self._count: dict[str, int] = {}\n",
                "        self._count = SpaceSaving._shared\n",
            ),
        ),
    ),
    # memory
    "exact_counts_kept_on_the_side": (
        "memory",
        swap(
            GOOD,
            (
                "        self._min = 0\n",
                "        self._min = 0\n        self._seen: dict[str, int] = {}\n",
            ),
            (
                "        count = self._count.get(item, 0)\n",
                "        self._seen[item] = self._seen.get(item, 0) + 1\n"
                "        count = self._count.get(item, 0)\n",
            ),
        ),
    ),
    # scale_k
    "linear_scan_for_the_minimum": (
        "scale_k",
        swap(
            GOOD,
            ("            count = self._min\n", "            count = min(self._count.values())\n"),
        ),
    ),
}
