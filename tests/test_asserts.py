"""assert_returns on arguments a call is meant to change (random generators) and on those it is not."""

import random

import numpy as np
import pytest

from workbook.grading.asserts import assert_returns


def draw_three(rng):
    return [float(x) for x in rng.standard_normal(3)]


def shuffled(items, rng):
    out = list(items)
    rng.shuffle(out)
    return out


def test_a_numpy_generator_argument_is_drawn_from_not_reported_as_modified():
    assert_returns(draw_three(np.random.default_rng(7)), draw_three, np.random.default_rng(7))


def test_a_random_random_argument_is_drawn_from_not_reported_as_modified():
    assert_returns(shuffled(range(9), random.Random(3)), shuffled, range(9), random.Random(3))


def test_an_argument_changed_in_place_is_still_reported():
    def sorts_in_place(items, rng):
        items.sort()
        return items

    with pytest.raises(AssertionError, match="modified its input `items`"):
        assert_returns([1, 2, 3], sorts_in_place, [3, 1, 2], random.Random(0))
