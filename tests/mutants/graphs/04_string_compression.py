"""Plausible wrong answers to graphs/04_string_compression, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
def compress(chars):
    if not isinstance(chars, list):
        raise TypeError(f"compress() needs a list of characters, not {type(chars).__name__}")
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
"""

GROUPBY = """
import itertools


def compress(chars):
    if not isinstance(chars, list):
        raise TypeError(f"compress() needs a list of characters, not {type(chars).__name__}")
    out = []
    for char, group in itertools.groupby(chars):
        count = sum(1 for _ in group)
        out.append(char)
        if count > 1:
            out.extend(str(count))
    chars[: len(out)] = out
    return len(out)
"""

CHECK = """    if not isinstance(chars, list):
        raise TypeError(f"compress() needs a list of characters, not {type(chars).__name__}")
"""
DIGITS = """            for digit in str(read - start):
                chars[write] = digit
                write += 1
"""


MUTANTS = {
    # returns
    "returns_the_list": ("returns", swap(GOOD, ("    return write", "    return chars[:write]"))),
    "forgets_to_return": ("returns", swap(GOOD, ("    return write", "    del write"))),
    # in_place
    "truncates_the_list": (
        "in_place",
        swap(GOOD, ("    return write", "    del chars[write:]\n    return write")),
    ),
    "rebinds_a_new_list": (
        "in_place",
        swap(
            GROUPBY,
            (
                "    chars[: len(out)] = out\n    return len(out)",
                "    chars = out\n    return len(chars)",
            ),
        ),
    ),
    "replaces_the_whole_list": (
        "in_place",
        swap(GROUPBY, ("    chars[: len(out)] = out", "    chars[:] = out")),
    ),
    "deletes_each_run_in_place": (
        "in_place",
        CHECK.join(
            [
                "\ndef compress(chars):\n",
                """    i = 0
    while i < len(chars):
        j = i
        while j < len(chars) and chars[j] == chars[i]:
            j += 1
        digits = list(str(j - i)) if j - i > 1 else []
        chars[i + 1 : j] = digits
        i += 1 + len(digits)
    return len(chars)
""",
            ]
        ),
    ),
    # format
    "single_runs_get_a_1": (
        "format",
        swap(GOOD, ("        if read - start > 1:\n", "        if read - start > 0:\n")),
    ),
    "count_in_one_entry": (
        "format",
        swap(
            GOOD,
            (DIGITS, "            chars[write] = str(read - start)\n            write += 1\n"),
        ),
    ),
    "count_as_an_int": (
        "format",
        swap(
            GOOD, ("for digit in str(read - start):", "for digit in map(int, str(read - start)):")
        ),
    ),
    # long_runs
    "one_digit_via_chr": (
        "long_runs",
        swap(
            GOOD,
            (
                DIGITS,
                "            chars[write] = chr(ord('0') + read - start)\n            write += 1\n",
            ),
        ),
    ),
    "digits_least_significant_first": (
        "long_runs",
        swap(
            GOOD,
            (
                DIGITS,
                """            count = read - start
            while count:
                chars[write] = str(count % 10)
                write += 1
                count //= 10
""",
            ),
        ),
    ),
    # runs
    "counts_every_occurrence": (
        "runs",
        """
from collections import Counter


def compress(chars):
    if not isinstance(chars, list):
        raise TypeError(f"compress() needs a list of characters, not {type(chars).__name__}")
    write = 0
    for char, count in Counter(chars).items():
        chars[write] = char
        write += 1
        if count > 1:
            for digit in str(count):
                chars[write] = digit
                write += 1
    return write
""",
    ),
    # characters
    "digits_rejected_as_ambiguous": (
        "characters",
        swap(
            GOOD,
            (
                "    write = read = 0\n",
                "    if any(c.isdigit() for c in chars):\n"
                '        raise ValueError("digits in the input would make the output ambiguous")\n'
                "    write = read = 0\n",
            ),
        ),
    ),
    "case_insensitive_runs": (
        "characters",
        swap(
            GOOD,
            ("chars[read] == char:", "chars[read].casefold() == char.casefold():"),
        ),
    ),
    # empty
    "first_entry_read_before_the_loop": (
        "empty",
        CHECK.join(
            [
                "\ndef compress(chars):\n",
                """    write, char, count = 0, chars[0], 0
    for c in chars + [None]:
        if c == char:
            count += 1
            continue
        chars[write] = char
        write += 1
        if count > 1:
            for digit in str(count):
                chars[write] = digit
                write += 1
        char, count = c, 1
    return write
""",
            ]
        ),
    ),
    # errors
    "no_type_check": ("errors", swap(GOOD, (CHECK, ""))),
    "str_converted_to_a_list": (
        "errors",
        swap(GOOD, (CHECK, "    if not isinstance(chars, list):\n        chars = list(chars)\n")),
    ),
    # extra_space
    "builds_the_output_then_copies_it_back": ("extra_space", GROUPBY),
    "runs_counted_with_a_list": (
        "extra_space",
        """
import itertools


def compress(chars):
    if not isinstance(chars, list):
        raise TypeError(f"compress() needs a list of characters, not {type(chars).__name__}")
    write = 0
    for char, group in itertools.groupby(chars):
        count = len(list(group))
        chars[write] = char
        write += 1
        if count > 1:
            for digit in str(count):
                chars[write] = digit
                write += 1
    return write
""",
    ),
    # scale
    "slices_the_rest_at_every_run": (
        "scale",
        swap(
            GOOD,
            (
                "        while read < len(chars) and chars[read] == char:\n            read += 1\n",
                "        for c in chars[read:]:\n"
                "            if c != char:\n"
                "                break\n"
                "            read += 1\n",
            ),
        ),
    ),
}
