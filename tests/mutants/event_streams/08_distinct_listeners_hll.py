"""Plausible wrong answers to event_streams/08_distinct_listeners_hll, each breaking one clause."""

from workbook.contract import swap

GOOD = '''
import hashlib
import math


def hash64(item: str) -> int:
    """A deterministic 64-bit hash of `item` (blake2b): the same in every process and region."""
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "big")


class HyperLogLog:
    """Distinct items in m = 2**p registers (Flajolet, Fusy, Gandouet, Meunier 2007)."""

    def __init__(self, p: int = 14) -> None:
        if isinstance(p, bool) or not isinstance(p, int):
            raise TypeError(f"p must be an int, got {p!r}")
        if not 4 <= p <= 16:
            raise ValueError(f"p must be between 4 and 16, got {p}")
        self.p = p
        self._m = 1 << p
        self._registers = [0] * self._m

    def add(self, item: str) -> None:
        """Record one listener: register = low p bits of the hash, rank = leftmost 1 of the rest."""
        x = hash64(item)
        j = x & (self._m - 1)
        w = x >> self.p  # the other 64 - p bits
        rank = (64 - self.p) - w.bit_length() + 1  # 1-based; 65 - p when w == 0
        if rank > self._registers[j]:
            self._registers[j] = rank

    def registers(self) -> list[int]:
        """A copy of the m registers."""
        return list(self._registers)

    def estimate(self) -> float:
        """The estimated number of distinct items added (linear counting when small)."""
        m = self._m
        alpha = {16: 0.673, 32: 0.697, 64: 0.709}.get(m, 0.7213 / (1 + 1.079 / m))
        raw = alpha * m * m / sum(2.0**-r for r in self._registers)
        zeros = self._registers.count(0)
        if raw <= 2.5 * m and zeros > 0:
            return m * math.log(m / zeros)
        return raw

    def merge(self, other: "HyperLogLog") -> None:
        """Fold `other` into this sketch (register-wise max); `other` is not changed."""
        if not isinstance(other, HyperLogLog):
            raise TypeError(f"can only merge a HyperLogLog, got {type(other).__name__}")
        if other.p != self.p:
            raise ValueError(f"cannot merge sketches of different precision: p={self.p} and p={other.p}")
        self._registers = [max(a, b) for a, b in zip(self._registers, other._registers, strict=True)]
'''


RANK = "        rank = (64 - self.p) - w.bit_length() + 1  # 1-based; 65 - p when w == 0\n"
LINEAR = "        if raw <= 2.5 * m and zeros > 0:\n"

MUTANTS = {
    # precision
    "p_17_accepted": (
        "precision",
        swap(GOOD, ("        if not 4 <= p <= 16:\n", "        if not 4 <= p <= 18:\n")),
    ),
    "float_p_accepted": (
        "precision",
        swap(
            GOOD,
            (
                "        if isinstance(p, bool) or not isinstance(p, int):\n"
                '            raise TypeError(f"p must be an int, got {p!r}")\n',
                "        p = int(p) if isinstance(p, float) else p\n",
            ),
        ),
    ),
    "default_p_12": (
        "precision",
        swap(GOOD, ("def __init__(self, p: int = 14)", "def __init__(self, p: int = 12)")),
    ),
    # registers
    "rank_is_zero_based": (
        "registers",
        swap(GOOD, (RANK, "        rank = (64 - self.p) - w.bit_length()\n")),
    ),
    "rank_counts_trailing_zeros": (
        "registers",
        swap(GOOD, (RANK, "        rank = (w & -w).bit_length() if w else 65 - self.p\n")),
    ),
    "rank_of_a_64_bit_word": (
        "registers",
        swap(GOOD, (RANK, "        rank = 64 - w.bit_length() + 1\n")),
    ),
    "index_from_the_high_bits": (
        "registers",
        swap(
            GOOD,
            ("        j = x & (self._m - 1)\n", "        j = x >> (64 - self.p)\n"),
        ),
    ),
    "registers_returned_as_a_tuple": (
        "registers",
        swap(
            GOOD,
            ("        return list(self._registers)\n", "        return tuple(self._registers)\n"),
        ),
    ),
    "register_overwritten_not_maxed": (
        "registers",
        swap(
            GOOD,
            (
                "        if rank > self._registers[j]:\n            self._registers[j] = rank\n",
                "        self._registers[j] = rank\n",
            ),
        ),
    ),
    # estimate
    "no_linear_counting": (
        "estimate",
        swap(GOOD, (LINEAR, "        if False:\n")),
    ),
    "linear_counting_threshold_at_m": (
        "estimate",
        swap(GOOD, (LINEAR, "        if raw <= m and zeros > 0:\n")),
    ),
    "one_alpha_for_every_m": (
        "estimate",
        swap(
            GOOD,
            (
                "{16: 0.673, 32: 0.697, 64: 0.709}.get(m, 0.7213 / (1 + 1.079 / m))",
                "0.7213 / (1 + 1.079 / m)",
            ),
        ),
    ),
    "estimate_rounded_to_an_int": (
        "estimate",
        swap(
            GOOD,
            (
                "            return m * math.log(m / zeros)\n        return raw\n",
                "            return round(m * math.log(m / zeros))\n        return round(raw)\n",
            ),
        ),
    ),
    # accuracy
    "arithmetic_mean_of_ranks": (
        "accuracy",
        swap(
            GOOD,
            (
                "        raw = alpha * m * m / sum(2.0**-r for r in self._registers)\n",
                "        raw = alpha * m * 2.0 ** (sum(self._registers) / m)\n",
            ),
        ),
    ),
    # merge
    "merge_takes_the_sum": (
        "merge",
        swap(GOOD, ("[max(a, b) for a, b in", "[a + b for a, b in")),
    ),
    "merge_writes_into_other": (
        "merge",
        swap(
            GOOD,
            (
                "        self._registers = [max(a, b) for a, b in zip(self._registers, other._registers, strict=True)]\n",
                "        other._registers = [max(a, b) for a, b in zip(self._registers, other._registers, strict=True)]\n"
                "        self._registers = list(other._registers)\n",
            ),
        ),
    ),
    "merge_of_other_p_truncates": (
        "merge",
        swap(
            GOOD,
            (
                "        if other.p != self.p:\n",
                "        if False:\n",
            ),
            (
                "zip(self._registers, other._registers, strict=True)",
                "zip(self._registers, other._registers)",
            ),
        ),
    ),
    # independent
    "registers_returned_without_a_copy": (
        "independent",
        swap(GOOD, ("        return list(self._registers)\n", "        return self._registers\n")),
    ),
    "merge_shares_the_list": (
        "independent",
        swap(
            GOOD,
            (
                "        self._registers = [max(a, b) for a, b in zip(self._registers, other._registers, strict=True)]\n",
                "        if not any(self._registers):\n"
                "            self._registers = other._registers\n"
                "            return\n"
                "        self._registers = [max(a, b) for a, b in zip(self._registers, other._registers, strict=True)]\n",
            ),
        ),
    ),
    # scale_stream
    "zero_registers_recounted_on_every_add": (
        "scale_stream",
        swap(
            GOOD,
            (
                "        if rank > self._registers[j]:\n",
                "        self._zeros = self._registers.count(0)\n        if rank > self._registers[j]:\n",
            ),
        ),
    ),
}
