"""Hidden tests for event_streams/08_distinct_listeners_hll: the `HyperLogLog` class."""

import hashlib
import math

from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

REL = Tolerance(rel=1e-9, abs=1e-9)
EXAMPLE_REGISTERS = [0, 1, 2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]


def hash64(item):
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=8).digest(), "big")


def oracle_registers(p, users):
    """The registers, computed independently: ranks from the binary string of the hash."""
    registers = [0] * (1 << p)
    for user in users:
        bits = format(hash64(user), "064b")
        j = int(bits[64 - p :], 2)
        rest = bits[: 64 - p]
        rank = rest.index("1") + 1 if "1" in rest else 64 - p + 1
        registers[j] = max(registers[j], rank)
    return registers


def oracle_estimate(p, registers):
    m = 1 << p
    alpha = {4: 0.673, 5: 0.697, 6: 0.709}.get(p, 0.7213 / (1 + 1.079 / m))
    raw = alpha * m * m / math.fsum(2.0**-r for r in registers)
    zeros = registers.count(0)
    return m * math.log(m / zeros) if raw <= 2.5 * m and zeros else raw


def sketch(p, users):
    """Feed `users` to a new HyperLogLog(p); return (registers, estimate)."""
    h = HyperLogLog(p)
    for user in users:
        h.add(user)
    return h.registers(), h.estimate()


def merged(p, first, second):
    """The registers of sketch(first) after merging sketch(second) into it."""
    a, b = HyperLogLog(p), HyperLogLog(p)
    for user in first:
        a.add(user)
    for user in second:
        b.add(user)
    a.merge(b)
    return a.registers()


def users(prefix, n):
    return [f"{prefix}:{i}" for i in range(n)]


@pins("registers", "estimate")
def test_example_from_the_statement():
    assert_returns(
        (EXAMPLE_REGISTERS, 16 * math.log(16 / 13)),
        sketch,
        4,
        ["alice", "bob", "carol", "alice"],
        tol=REL,
    )


@pins("registers", "precision")
def test_registers_are_a_new_list_of_m_ints():
    for p in (4, 9, 16):
        h = HyperLogLog(p)
        h.add("user:1")
        assert_type(h.p, int, f"HyperLogLog({p}).p")
        assert_equal(h.p, p, f"HyperLogLog({p}).p")
        registers = h.registers()
        assert_type(registers, list, f"HyperLogLog({p}).registers()")
        assert_equal(len(registers), 1 << p, f"len(HyperLogLog({p}).registers())")
        for r in set(registers):
            assert_type(r, int, f"a register of HyperLogLog({p})")
    assert_returns(
        (oracle_registers(14, ["x"]), oracle_estimate(14, oracle_registers(14, ["x"]))),
        sketch,
        14,
        ["x"],
        tol=REL,
    )


@pins("registers")
@derandomized(max_examples=40)
@given(
    p=st.integers(4, 12),
    names=st.lists(st.text(min_size=0, max_size=6), max_size=40),
)
def test_registers_match_the_leftmost_one_bit_rule(p, names):
    assert_returns(oracle_registers(p, names), lambda p, names: sketch(p, names)[0], p, names)


@pins("registers")
def test_rank_extremes_and_duplicates():
    # 3,000 ids fill every register at p = 4 and leave most empty at p = 16
    ids = users("listener", 3000)
    assert_returns(oracle_registers(4, ids), lambda p, u: sketch(p, u)[0], 4, ids)
    assert_returns(oracle_registers(16, ids), lambda p, u: sketch(p, u)[0], 16, ids)
    once, twice = sketch(8, ids[:500]), sketch(8, ids[:500] * 2 + ids[:100])
    assert_equal(twice, once, "sketch(8, first 500 ids twice, then 100 again) vs once", tol=REL)


@pins("estimate")
def test_estimate_is_a_float_and_zero_when_empty():
    h = HyperLogLog()
    value = h.estimate()
    assert_type(value, float, "HyperLogLog().estimate()")
    assert_equal(value, 0.0, "HyperLogLog().estimate()")
    h.add("user:1")
    assert_type(h.estimate(), float, "estimate() after one add")
    assert_returns(([0] * 16, 0.0), sketch, 4, [])


@pins("estimate")
def test_estimate_follows_the_formula_for_every_p_and_both_ranges():
    for p, n in (
        (4, 5),
        (4, 30),
        (4, 1000),
        (5, 1000),
        (6, 3000),
        (7, 2000),
        (8, 400),
        (10, 1500),
        (10, 20000),
    ):
        ids = users(f"p{p}", n)
        registers = oracle_registers(p, ids)
        assert_returns((registers, oracle_estimate(p, registers)), sketch, p, ids, tol=REL)


@pins("accuracy")
def test_relative_error_within_three_standard_errors():
    for p, n in ((10, 1000), (10, 50_000), (12, 20_000), (14, 2_000), (14, 100_000)):
        ids = workload(f"hll_ids_{n}", lambda n=n: users("listener", n))
        h = HyperLogLog(p)
        for user in ids:
            h.add(user)
        got, bound = h.estimate(), 3 * 1.04 / math.sqrt(1 << p)
        assert abs(got - n) / n <= bound, (
            f"HyperLogLog({p}) after {n} distinct ids estimates {got:.1f}: relative error "
            f"{abs(got - n) / n:.4f}, more than 3 x 1.04 / sqrt(m) = {bound:.4f}"
        )
    for n in (1, 10, 50, 100):
        h = HyperLogLog(14)
        for user in users("small", n):
            h.add(user)
        got = h.estimate()
        assert abs(got - n) <= 0.01 * n, (
            f"HyperLogLog(14) after {n} distinct ids estimates {got:.3f}; linear counting must "
            "be within 1 % here"
        )


@pins("merge")
def test_merge_equals_the_sketch_of_the_union_and_leaves_other_alone():
    eu, us = users("eu", 3000), users("us", 2000) + users("eu", 500)
    a, b = HyperLogLog(10), HyperLogLog(10)
    for user in eu:
        a.add(user)
    for user in us:
        b.add(user)
    before = b.registers()
    result = a.merge(b)
    assert_equal(result, None, "a.merge(b)")
    assert_equal(a.registers(), oracle_registers(10, eu + us), "a.registers() after a.merge(b)")
    assert_equal(b.registers(), before, "b.registers() after a.merge(b): b must not change")
    assert_equal(
        a.estimate(),
        oracle_estimate(10, oracle_registers(10, eu + us)),
        "a.estimate() after the merge",
        tol=REL,
    )
    assert_returns(EXAMPLE_REGISTERS, merged, 4, ["alice"], ["bob", "carol"])
    assert_returns(EXAMPLE_REGISTERS, merged, 4, ["bob", "carol", "alice"], [])
    assert_returns(EXAMPLE_REGISTERS, merged, 4, [], ["alice", "bob", "carol"])


@pins("merge")
def test_merge_of_another_p_or_type_raises_and_changes_nothing():
    a, b = HyperLogLog(10), HyperLogLog(12)
    a.add("x")
    b.add("y")
    before_a, before_b = a.registers(), b.registers()
    assert_raises(ValueError, a.merge, b, match="10")
    assert_raises(ValueError, a.merge, b, match="12")
    assert_raises(TypeError, a.merge, "not a sketch")
    assert_raises(TypeError, a.merge, before_a)
    assert_equal(a.registers(), before_a, "a.registers() after rejected merges")
    assert_equal(b.registers(), before_b, "b.registers() after a rejected merge")


@pins("precision")
def test_invalid_p_raises():
    for bad in (14.0, True, "14", None):
        assert_raises(TypeError, HyperLogLog, bad)
    for bad in (3, 17, 0, -4):
        assert_raises(ValueError, HyperLogLog, bad, match=str(bad))
    for good in (4, 16):
        assert_returns(([0] * (1 << good), 0.0), sketch, good, [])


@pins("precision")
def test_default_p_is_14():
    h = HyperLogLog()
    assert_equal(h.p, 14, "HyperLogLog().p")
    assert_equal(len(h.registers()), 16384, "len(HyperLogLog().registers())")


@pins("independent")
def test_sketches_do_not_share_registers():
    a, b = HyperLogLog(4), HyperLogLog(4)
    a.add("alice")
    copy = a.registers()
    copy[0] = 99
    assert_equal(
        [a.registers(), b.registers(), HyperLogLog(4).registers()],
        [[0] * 9 + [2] + [0] * 6, [0] * 16, [0] * 16],
        "registers() of: a after add('alice') and a change to a copy; b new; a new sketch",
    )
    c = HyperLogLog(4)
    c.merge(a)
    c.add("bob")
    assert_equal(
        a.registers(), [0] * 9 + [2] + [0] * 6, "a.registers() after c.merge(a), c.add('bob')"
    )


class Reference:
    def __init__(self, p):
        self.p, self.m, self.registers = p, 1 << p, [0] * (1 << p)

    def add(self, item):
        x = hash64(item)
        j = x & (self.m - 1)
        rank = 64 - self.p - (x >> self.p).bit_length() + 1
        if rank > self.registers[j]:
            self.registers[j] = rank


def drive(h, ids):
    for user in ids:
        h.add(user)


@pins("scale_stream")
def test_scale_50000_adds_at_p_16():
    assert_returns(EXAMPLE_REGISTERS, lambda: sketch(4, ["alice", "bob", "carol"])[0])  # fail fast
    ids = workload("hll_ids_50000", lambda: users("listener", 50_000))
    assert_scales(
        lambda: drive(HyperLogLog(16), ids),
        lambda: drive(Reference(16), ids),
        factor=10,
        what="50,000 adds at p = 16",
        advice="Make add O(1): touch one register (h & (m - 1)); never scan, copy or recount the "
        "registers on an add.",
    )
