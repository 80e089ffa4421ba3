"""Hidden tests for graphs/04_string_compression: `compress(chars)`, in place."""

import itertools
import random
import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload
from workbook.preview import preview


def oracle(chars: list[str]) -> list[str]:
    """The compressed text, built with itertools.groupby (not in place)."""
    out = []
    for char, group in itertools.groupby(chars):
        count = len(list(group))
        out += [char, *str(count)] if count > 1 else [char]
    return out


def expected_list(chars: list[str]) -> tuple[int, list[str]]:
    """(n, the whole list after the call): the compressed text, then the untouched tail."""
    text = oracle(chars)
    return len(text), text + list(chars[len(text) :])


def assert_compresses(original, expected=None):
    """compress(list(original)) must return n and leave exactly `expected` in that list."""
    chars = list(original)
    n = compress(chars)
    want = expected if expected is not None else expected_list(list(original))
    assert_equal(
        (n, chars),
        want,
        "compress(chars) -> (the value returned, the list `chars` after the call)",
        given={"chars": list(original)},
    )


def reference(chars):
    """Two pointers: the scale test's yardstick."""
    write = read = 0
    while read < len(chars):
        char, start = chars[read], read
        while read < len(chars) and chars[read] == char:
            read += 1
        chars[write] = char
        write += 1
        if read - start > 1:
            for digit in str(read - start):
                chars[write] = digit
                write += 1
    return write


def runs(lengths, letters="PBS"):
    """Consecutive runs of the given lengths, cycling through `letters` so runs stay separate."""
    out = []
    for index, length in enumerate(lengths):
        out += [letters[index % len(letters)]] * length
    return out


@pins("format", "returns")
def test_published_examples():
    assert_compresses("aabbccc", (6, list("a2b2c3c")))
    assert_compresses("a", (1, ["a"]))
    assert_compresses("abbbbbbbbbbbb", (4, list("ab12bbbbbbbbb")))


@pins("returns")
def test_returns_a_python_int():
    for text in ("aabbccc", "a", "ab"):
        n = compress(list(text))
        assert_type(n, int, f"compress({list(text)!r})")
    assert_compresses("ab", (2, ["a", "b"]))


@pins("in_place")
def test_the_same_list_holds_the_answer_and_keeps_its_tail():
    chars = list("PPPPBBSPP")
    keep = chars  # the caller's reference: the answer must be in this very object
    n = compress(chars)
    assert_equal(
        (n, keep),
        (7, list("P4B2SP2PP")),
        "compress(chars) -> (the value returned, the caller's list after the call)",
        given={"chars": list("PPPPBBSPP")},
    )


@pins("in_place")
def test_the_tail_is_neither_cut_nor_cleared():
    assert_compresses("aaaaaaaaaaaa", (3, list("a12aaaaaaaaa")))
    assert_compresses("xyyyz", (4, list("xy3zz")))
    assert_compresses(["é", "é", "é", "é", "🎵"], (3, ["é", "4", "🎵", "é", "🎵"]))


@pins("format")
def test_single_characters_stay_bare_and_every_digit_is_its_own_entry():
    assert_compresses("abc", (3, list("abc")))
    assert_compresses("PBPBP", (5, list("PBPBP")))
    assert_compresses(["S"] * 12, (3, ["S", "1", "2", *["S"] * 9]))


@pins("long_runs")
def test_counts_of_ten_and_more_keep_all_their_digits():
    for count in (10, 11, 12, 19, 20, 99, 100, 101, 1000):
        assert_compresses(["B"] * count)
    assert_compresses(
        ["P", *["B"] * 100, "P"], (6, ["P", "B", "1", "0", "0", "P", *["B"] * 95, "P"])
    )


@pins("long_runs")
def test_a_run_of_a_million():
    chars = ["P"] * 1_000_000
    n = compress(chars)
    assert_equal(
        (n, chars[:n], len(chars)),
        (8, ["P", "1", "0", "0", "0", "0", "0", "0"], 1_000_000),
        "compress(['P'] * 1_000_000) -> (n, chars[:n], len(chars))",
    )


@pins("runs")
def test_separate_runs_of_the_same_character_are_written_separately():
    assert_compresses("aabaa", (5, list("a2ba2")))
    assert_compresses("PPBPPBPP", (8, list("P2BP2BP2")))
    assert_compresses("abab", (4, list("abab")))


@pins("characters")
def test_digits_are_ordinary_characters():
    assert_compresses("77", (2, list("72")))
    assert_compresses("1112", (3, list("1322")))
    assert_compresses(["0"] * 10, (3, ["0", "1", "0", *["0"] * 7]))


@pins("characters")
def test_unicode_spaces_and_newlines_are_ordinary_characters():
    assert_compresses(["é", "é", "e", "🎵", "🎵", "🎵"], (5, ["é", "2", "e", "🎵", "3", "🎵"]))
    assert_compresses(["\n", "\n", " ", " ", " ", "-"], (5, ["\n", "2", " ", "3", "-", "-"]))
    assert_compresses(["a", "A", "A", "ø", "Ø"], (5, ["a", "A", "2", "ø", "Ø"]))


@pins("empty")
def test_an_empty_list_returns_zero_and_stays_empty():
    assert_compresses([], (0, []))


@pins("errors")
def test_a_str_or_a_tuple_raises_type_error_naming_it():
    assert_raises(TypeError, compress, "aabb", match="str")
    assert_raises(TypeError, compress, "", match="str")
    assert_raises(TypeError, compress, ("a", "a"), match="tuple")
    assert_raises(TypeError, compress, (), match="tuple")


RUNS = st.lists(
    st.tuples(
        st.sampled_from(["P", "B", "S", "7", "1", "é", "🎵", " "]),
        st.one_of(st.integers(1, 4), st.integers(1, 130)),
    ),
    max_size=12,
)


@pins("format", "runs", "long_runs", "characters", "in_place")
@derandomized(max_examples=80)
@given(pieces=RUNS)
def test_matches_itertools_groupby_on_random_lists(pieces):
    # adjacent pieces may share a character: then they form one run, as the contract says
    assert_compresses([char for char, count in pieces for _ in range(count)])


def peak_bytes(chars) -> int:
    """The peak Python allocation, in bytes, while compress(chars) runs."""
    tracemalloc.start()
    try:
        compress(chars)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pins("extra_space")
def test_extra_memory_stays_constant():
    compress(list("aab"))  # fail fast
    rng = random.Random(4)
    short_runs = runs([rng.randint(1, 2) for _ in range(140_000)])[:200_000]
    cases = {"200,000 entries in runs of 1 or 2": short_runs, "one run of 200,000": ["P"] * 200_000}
    for name, chars in cases.items():
        shown = preview(chars[:8], 60)  # before the call changes it
        used = peak_bytes(chars)
        if used > 64_000:
            raise AssertionError(
                f"compress(chars) with {name} ({shown}...) allocated up to "
                f"{used:,} bytes at once; the contract allows 64,000 (O(1) extra memory). "
                "Write into `chars` with two indices instead of building a copy, a list of "
                "runs, or a list per run: count a run with a loop or sum(1 for _ in group)."
            )


@pins("scale")
def test_scale_200000_entries():
    compress(list("aab"))  # fail fast, before building the large input
    rng = random.Random(5)
    chars = workload(
        "compress_200000", lambda: runs([rng.randint(1, 4) for _ in range(80_000)])[:200_000]
    )
    assert_scales(
        lambda: compress(list(chars)),
        lambda: reference(list(chars)),
        factor=10,
        what="compress on 200,000 entries in runs of 1 to 4",
        advice="Find the end of each run by advancing an index, never with a slice "
        "(chars[read:] copies the rest of the list) or a search from the start.",
    )
