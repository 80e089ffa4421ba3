"""Hidden tests for experimentation_ml/01_ship_decision: Spotify's decision rule on hand-built
results, at every boundary, and against an independent oracle."""

import copy
import math

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload


def z(p):
    """Standard normal quantile by bisection on math.erfc: independent of NormalDist."""
    low, high = -40.0, 40.0
    for _ in range(200):
        mid = (low + high) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2)) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def M(name, kind, estimate, std_error, nim=None):
    return Metric(name, kind, estimate, std_error, nim)


def D(action, improved=(), failed=(), deteriorated=()):
    return Decision(action, tuple(improved), tuple(failed), tuple(deteriorated))


def oracle(metrics, alpha=0.05, deterioration_alpha=0.05):
    S = sum(m[1] == "success" for m in metrics)
    z_s, z_g, z_d = z(1 - alpha / S), z(1 - alpha), z(1 - deterioration_alpha / len(metrics))
    improved = [m[0] for m in metrics if m[1] == "success" and m[2] - z_s * m[3] > 0]
    failed = [
        m[0]
        for m in metrics
        if m[1] == "guardrail" and m[4] is not None and m[2] - z_g * m[3] <= -m[4]
    ]
    worse = [m[0] for m in metrics if m[2] + z_d * m[3] < 0]
    action = "abort" if worse else ("ship" if improved and not failed else "do not ship")
    return D(action, improved, failed, worse)


EXAMPLE = [
    ("stream_rate", "success", 0.012, 0.005, None),
    ("minutes_played", "success", 0.004, 0.003, None),
    ("crash_free", "guardrail", -0.002, 0.004, 0.01),
    ("app_start", "guardrail", -0.004, 0.003, None),
]


def decide(rows, *params):
    """ship_decision over Metric rows built from plain tuples."""
    return ship_decision([M(*row) for row in rows], *params)


@pins("action", "evidence")
def test_the_statement_example_ships():
    assert_returns(D("ship", ["stream_rate"]), decide, EXAMPLE)


@pins("action", "evidence", "guardrail")
def test_an_inferior_guardrail_blocks_shipping_and_is_named():
    rows = [*EXAMPLE[:2], ("crash_free", "guardrail", -0.006, 0.004, 0.01), EXAMPLE[3]]
    assert_returns(D("do not ship", ["stream_rate"], ["crash_free"]), decide, rows)


@pins("action", "deterioration", "evidence")
def test_a_deteriorated_metric_aborts_even_when_the_rule_would_ship():
    rows = [*EXAMPLE[:3], ("app_start", "guardrail", -0.012, 0.003, None)]
    assert_returns(D("abort", ["stream_rate"], [], ["app_start"]), decide, rows)
    rows = [("s", "success", -0.02, 0.005, None), ("t", "success", 0.03, 0.005, None)]
    assert_returns(D("abort", ["t"], [], ["s"]), decide, rows)


@pins("action")
def test_no_improved_success_metric_does_not_ship():
    rows = [("s", "success", 0.001, 0.01, None), ("g", "guardrail", 0.0, 0.001, 0.01)]
    assert_returns(D("do not ship"), decide, rows)


@pins("guardrail")
def test_a_guardrail_without_a_margin_never_blocks_shipping():
    rows = [("s", "success", 0.05, 0.01, None), ("g", "guardrail", -0.01, 0.01, None)]
    assert_returns(D("ship", ["s"]), decide, rows)


@pins("success")
def test_alpha_is_split_over_success_metrics_only():
    # lower bound at z(0.95) = 1.645 is > 0, at z(0.975) = 1.960 it is not
    est = 1.8 * 0.01
    one = [
        ("s", "success", est, 0.01, None),
        ("g1", "guardrail", 0.0, 0.01, 0.05),
        ("g2", "guardrail", 0.0, 0.01, 0.05),
    ]
    assert_returns(D("ship", ["s"]), decide, one)
    two = [("s", "success", est, 0.01, None), ("s2", "success", 0.0, 0.01, None)]
    assert_returns(D("do not ship"), decide, two)


@pins("guardrail")
def test_guardrails_use_the_full_alpha_whatever_their_number():
    # lower bound -0.005 - 1.645 * 0.003 = -0.0099 > -0.01 at z(0.95); at z(1 - 0.05/4) it fails
    rows = [("s", "success", 0.05, 0.01, None)] + [
        (f"g{i}", "guardrail", -0.005, 0.003, 0.01) for i in range(4)
    ]
    assert_returns(D("ship", ["s"]), decide, rows)


@pins("deterioration")
def test_deterioration_alpha_is_split_over_all_metrics():
    # upper bound -0.01 + z(1 - 0.05/M) * 0.005: M = 1 -> 1.645: -0.0018 < 0; M = 3 -> 2.128: +0.0006
    alone = [("s", "success", -0.01, 0.005, None)]
    assert_returns(D("abort", [], [], ["s"]), decide, alone)
    three = [*alone, ("t", "success", 0.0, 0.01, None), ("u", "success", 0.0, 0.01, None)]
    assert_returns(D("do not ship"), decide, three)


@pins("success", "guardrail", "deterioration")
def test_bounds_exactly_on_the_threshold_are_not_significant():
    z95 = 1.6448536269514715  # NormalDist().inv_cdf(0.95): the bounds below are exactly 0 or -nim
    assert_returns(D("do not ship"), decide, [("s", "success", z95, 1.0, None)])
    rows = [("s", "success", 10.0, 1.0, None), ("g", "guardrail", 0.0, 1.0, z95)]
    assert_returns(D("do not ship", ["s"], ["g"]), decide, rows)
    assert_returns(D("do not ship"), decide, [("s", "success", -z95, 1.0, None)])


@pins("success", "guardrail", "deterioration", "action", "evidence")
@derandomized(max_examples=120)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["success", "guardrail"]),
            st.floats(-0.05, 0.05),
            st.floats(0.001, 0.03),
            st.one_of(st.none(), st.floats(0.001, 0.05)),
        ),
        min_size=1,
        max_size=8,
    ).filter(lambda rows: any(r[0] == "success" for r in rows)),
    st.sampled_from([0.01, 0.05, 0.2]),
    st.sampled_from([0.01, 0.05, 0.2]),
)
def test_decisions_equal_an_independent_oracle(rows, alpha, deterioration_alpha):
    metrics = [
        (f"m{9 - i}", kind, est, se, nim if kind == "guardrail" else None)
        for i, (kind, est, se, nim) in enumerate(rows)
    ]
    assert_returns(
        oracle(metrics, alpha, deterioration_alpha), decide, metrics, alpha, deterioration_alpha
    )


@pins("direction")
def test_names_do_not_matter_only_oriented_estimates():
    rows = [
        (n, k, e, s, m)
        for (n, k, e, s, m), n in zip(
            EXAMPLE, ["z", "app_start_time_ms", "crash", "y"], strict=True
        )
    ]
    assert_returns(D("ship", ["z"]), decide, rows)
    flipped = [("latency_ms", "success", 0.03, 0.01, None)]  # already oriented: lower latency is +
    assert_returns(D("ship", ["latency_ms"]), decide, flipped)


@pins("errors")
def test_invalid_inputs_raise_before_deciding():
    good = ("s", "success", 0.01, 0.01, None)
    assert_raises(ValueError, decide, [("g", "guardrail", 0.0, 0.01, None)], match="g")
    assert_raises(ValueError, decide, [good, ("x", "primary", 0.0, 0.01, None)], match="primary")
    assert_raises(ValueError, decide, [good, ("x", "guardrail", 0.0, 0.0, None)], match="0.0")
    assert_raises(ValueError, decide, [good, ("x", "success", 0.0, 0.01, 0.02)], match="0.02")
    assert_raises(ValueError, decide, [good, ("x", "guardrail", 0.0, 0.01, -0.01)], match="-0.01")
    assert_raises(ValueError, decide, [good, good], match="s")
    assert_raises(ValueError, decide, [good], 1.5, match="1.5")
    assert_raises(ValueError, decide, [good], 0.05, 0.0, match="0.0")


@pins("errors")
def test_metrics_are_not_modified():
    metrics = [M(*row) for row in reversed(EXAMPLE)]
    before = copy.deepcopy(metrics)
    assert_returns(D("ship", ["stream_rate"]), ship_decision, metrics)
    assert_equal(metrics, before, "metrics after ship_decision")


@pins("scale")
def test_scale_2000_metrics():
    from statistics import NormalDist

    rows = workload(
        "2,000 metrics",
        lambda: [
            M(
                f"m{i}",
                "success" if i % 3 == 0 else "guardrail",
                (i % 7 - 3) * 0.001,
                0.002,
                None if i % 3 == 0 or i % 2 else 0.01,
            )
            for i in range(2_000)
        ],
    )

    def reference():
        q = NormalDist().inv_cdf
        S = sum(m.kind == "success" for m in rows)
        z_s, z_g, z_d = q(1 - 0.05 / S), q(1 - 0.05), q(1 - 0.05 / len(rows))
        improved = [
            m.name for m in rows if m.kind == "success" and m.estimate - z_s * m.std_error > 0
        ]
        failed = [
            m.name
            for m in rows
            if m.kind == "guardrail"
            and m.nim is not None
            and m.estimate - z_g * m.std_error <= -m.nim
        ]
        worse = [m.name for m in rows if m.estimate + z_d * m.std_error < 0]
        return improved, failed, worse

    assert_scales(
        lambda: [ship_decision(rows) for _ in range(5)],
        lambda: [reference() for _ in range(5)],
        factor=5,
        what="ship_decision over 2,000 metrics, 5 times",
        advice="Count the success metrics and compute each quantile once per call, then make one "
        "comparison per metric; never recount or recompute inside the loop over metrics.",
    )
