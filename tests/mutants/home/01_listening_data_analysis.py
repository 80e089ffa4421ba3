"""Plausible wrong answers to home/01_listening_data_analysis, each breaking one clause.

Each mutant redefines one function (or constant) after the reference's cells have run; the
reference sources are read from the solution notebook, so a mutant is always one edit away."""

import json
import re
from pathlib import Path

from workbook.contract import swap

SOLUTION = Path(__file__).parents[3] / "solutions/home/01_listening_data_analysis.ipynb"
_CODE = "\n".join(
    "".join(cell["source"])
    for cell in json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"]
    if cell["cell_type"] == "code"
)


def reference(name: str) -> str:
    """The source of the solution's function `name`, without the solution markers."""
    found = re.search(rf"^def {name}\(.*?(?=^\S)", _CODE + "\nEND", re.S | re.M)
    body = (
        found.group(0).replace("    ### BEGIN SOLUTION\n", "").replace("    ### END SOLUTION\n", "")
    )
    return body


CLEAN = reference("clean_plays")
POSITION = reference("skip_rate_by_position")
CONTEXT = reference("skip_rate_by_context")
SHUFFLE = reference("shuffle_effect")
PREMIUM = reference("premium_vs_free")
FIRST = reference("first_skip")
RETENTION = reference("retention")
SUMMARY = reference("summary")
DEDUP = "    plays = clean_plays(df)\n"

MUTANTS = {
    # skip
    "skip_is_skip_1": ("skip", 'SKIP = "skip_1"\n'),
    "skip_is_skip_3": ("skip", 'SKIP = "skip_3"\n'),
    "skip_is_not_not_skipped_in_position_rates": (
        "skip",
        swap(POSITION, ("[SKIP].mean()", '["not_skipped"].rsub(1).mean()')),
    ),
    # dedup
    "position_rates_count_duplicates": (
        "dedup",
        swap(POSITION, (DEDUP, "    plays = df\n")),
    ),
    "shuffle_effect_counts_duplicates": ("dedup", swap(SHUFFLE, (DEDUP, "    plays = df\n"))),
    "dedup_on_session_only": (
        "dedup",
        swap(FIRST, (DEDUP, '    plays = df.drop_duplicates(["session_id", "skip_2"])\n')),
    ),
    # clean
    "clean_keeps_the_old_index": (
        "clean",
        swap(CLEAN, ("    return plays.reset_index(drop=True)\n", "    return plays\n")),
    ),
    "clean_sorts_by_position_first": (
        "clean",
        swap(CLEAN, ("sort_values(KEY,", 'sort_values(["session_position", "session_id"],')),
    ),
    "clean_does_not_dedupe": (
        "clean",
        swap(CLEAN, ("df.drop_duplicates(KEY).sort_values", "df.sort_values")),
    ),
    # rates
    "position_rates_in_percent": (
        "rates",
        swap(POSITION, ('.astype("float64")', '.mul(100).astype("float64")')),
    ),
    "position_series_unnamed": (
        "rates",
        swap(POSITION, ('    return rate.rename("skip_rate")\n', "    return rate\n")),
    ),
    # context_order
    "contexts_sorted_by_name": (
        "context_order",
        swap(
            CONTEXT,
            (
                'sort_values(["skip_rate", "context_type"], ascending=[False, True])',
                'sort_values("context_type")',
            ),
        ),
    ),
    "context_ties_by_name_descending": (
        "context_order",
        swap(CONTEXT, ("ascending=[False, True]", "ascending=[False, False]")),
    ),
    "context_keeps_unused_categories": (
        "context_order",
        swap(CONTEXT, ("observed=True", "observed=False")),
    ),
    "context_categorical_index": (
        "context_order",
        swap(CONTEXT, ('"context_type": rate.index.astype(str)', '"context_type": rate.index')),
    ),
    # shuffle_ci
    "plays_treated_as_independent": (
        "shuffle_ci",
        swap(
            SHUFFLE,
            (
                "variances.append(((y - rate * n) ** 2).sum() / n.sum() ** 2)",
                "variances.append(rate * (1 - rate) / n.sum())",
            ),
        ),
    ),
    "mean_of_session_rates": (
        "shuffle_ci",
        swap(SHUFFLE, ("rate = y.sum() / n.sum()", "rate = (y / n).mean()")),
    ),
    "ci_from_variance_not_standard_error": (
        "shuffle_ci",
        swap(SHUFFLE, ("np.sqrt(variances[0] + variances[1])", "(variances[0] + variances[1])")),
    ),
    "difference_off_minus_on": (
        "shuffle_ci",
        swap(SHUFFLE, ("diff = rates[0] - rates[1]", "diff = rates[1] - rates[0]")),
    ),
    "returns_numpy_floats": (
        "shuffle_ci",
        swap(
            SHUFFLE,
            (
                "return float(diff), float(diff - half), float(diff + half)",
                "return diff, diff - half, diff + half",
            ),
        ),
    ),
    # shuffle_errors
    "empty_arm_gives_nan": (
        "shuffle_errors",
        swap(
            SHUFFLE,
            (
                '            raise ValueError(f"no sessions with shuffle={on}: cannot compare")\n',
                "            return float('nan'), float('nan'), float('nan')\n",
            ),
        ),
    ),
    # premium
    "sessions_per_listener_counts_rows": (
        "premium",
        swap(PREMIUM, ('tiers["session_id"].nunique()', 'tiers["session_id"].size()')),
    ),
    "listeners_counts_rows": (
        "premium",
        swap(
            PREMIUM,
            ('listeners = tiers["user_id"].nunique()', 'listeners = tiers["user_id"].size()'),
        ),
    ),
    "premium_index_as_int": (
        "premium",
        swap(
            PREMIUM,
            (
                'tiers = plays.groupby("premium")',
                'tiers = plays.groupby(plays["premium"].astype("int64"))',
            ),
        ),
    ),
    # first_skip
    "first_skip_in_row_order": (
        "first_skip",
        swap(
            FIRST,
            (DEDUP, "    plays = df.drop_duplicates(KEY)\n"),
            ('groupby(plays["session_id"]).min()', 'groupby(plays["session_id"]).first()'),
        ),
    ),
    "sessions_without_a_skip_dropped": (
        "first_skip",
        swap(FIRST, ("first.fillna(0)", "first.dropna()")),
    ),
    # retention
    "retention_on_or_after": (
        "retention",
        swap(
            RETENTION,
            (
                '"active": counts.reindex(grid, fill_value=0).to_numpy().astype("int64"),',
                '"active": counts.reindex(grid, fill_value=0).groupby(level=0)'
                '.transform(lambda s: s[::-1].cumsum()[::-1]).to_numpy().astype("int64"),',
            ),
        ),
    ),
    "retention_counts_plays_not_listeners": (
        "retention",
        swap(
            RETENTION,
            (
                'active = df[["user_id", "date"]].drop_duplicates()',
                'active = df[["user_id", "date"]]',
            ),
        ),
    ),
    "retention_pads_unobservable_days": (
        "retention",
        swap(
            RETENTION,
            (
                'horizon = (df["date"].max() - sizes.index).days.to_numpy() + 1',
                'horizon = np.full(len(sizes), (df["date"].max() - sizes.index.min()).days + 1)',
            ),
        ),
    ),
    "retention_cohort_is_the_first_day_of_the_data": (
        "retention",
        swap(
            RETENTION,
            (
                'cohort = active.groupby("user_id")["date"].transform("min")',
                'cohort = active["date"].where(False, active["date"].min())',
            ),
        ),
    ),
    # empty
    "empty_retention_has_no_columns": (
        "empty",
        swap(
            RETENTION,
            (
                """        return pd.DataFrame(
            {c: pd.Series(dtype=df["date"].dtype if c == "cohort" else "int64") for c in columns}
        ).astype({"retention": "float64"})""",
                "        return pd.DataFrame()",
            ),
        ),
    ),
    "empty_first_skip_is_float": (
        "empty",
        swap(
            FIRST,
            (
                DEDUP,
                '    if df.empty:\n        return pd.Series(dtype="float64", name="first_skip").rename_axis("session_id")\n'
                + DEDUP,
            ),
        ),
    ),
    # no_mutation
    "clean_sorts_in_place": (
        "no_mutation",
        swap(
            CLEAN,
            (
                '    plays = df.drop_duplicates(KEY).sort_values(KEY, kind="stable")\n',
                '    df.sort_values(KEY, kind="stable", inplace=True)\n    plays = df.drop_duplicates(KEY)\n',
            ),
        ),
    ),
    "retention_adds_a_column": (
        "no_mutation",
        swap(
            RETENTION,
            (
                '    cohort = active.groupby("user_id")["date"].transform("min")\n',
                '    df["cohort"] = df.groupby("user_id")["date"].transform("min")\n'
                '    cohort = active.groupby("user_id")["date"].transform("min")\n',
            ),
        ),
    ),
    # scale
    "shuffle_effect_apply_per_session": (
        "scale",
        swap(
            SHUFFLE,
            (
                """    sessions = plays.groupby("session_id").agg(
        shuffle=("shuffle", "first"), plays=(SKIP, "size"), skips=(SKIP, "sum")
    )""",
                """    sessions = plays.groupby("session_id").apply(
        lambda g: pd.Series(
            {"shuffle": g["shuffle"].iloc[0], "plays": len(g), "skips": g[SKIP].sum()}
        )
    )""",
            ),
        ),
    ),
    "first_skip_loop_over_rows": (
        "scale",
        swap(
            FIRST,
            (
                """    skipped_at = plays["session_position"].where(plays[SKIP])
    first = skipped_at.groupby(plays["session_id"]).min()""",
                """    found = {}
    for _, row in plays.iterrows():
        if row[SKIP] and (row["session_id"] not in found or row["session_position"] < found[row["session_id"]]):
            found[row["session_id"]] = row["session_position"]
        found.setdefault(row["session_id"], float("nan"))
    first = pd.Series(found, dtype="float64").rename_axis("session_id").sort_index()""",
            ),
        ),
    ),
    "position_rates_by_iterrows": (
        "scale",
        swap(
            POSITION,
            (
                '    rate = plays.groupby("session_position")[SKIP].mean().astype("float64")\n',
                """    counts = {}
    for _, row in plays.iterrows():
        n, y = counts.get(row["session_position"], (0, 0))
        counts[row["session_position"]] = (n + 1, y + bool(row[SKIP]))
    keys = sorted(counts)
    rate = pd.Series([counts[k][1] / counts[k][0] for k in keys], index=pd.Index(keys, dtype="int64", name="session_position"), dtype="float64")
""",
            ),
        ),
    ),
    # summary_shuffle
    "summary_in_percent_of_fraction": (
        "summary_shuffle",
        swap(SUMMARY, ("{100 * diff:+.1f} pp", "{diff:+.1%}")),
    ),
    "summary_without_sign": (
        "summary_shuffle",
        swap(
            SUMMARY,
            ("{100 * low:+.1f} to {100 * high:+.1f}", "{100 * low:.1f} to {100 * high:.1f}"),
        ),
    ),
    # summary_context
    "summary_names_the_least_skipped_context": (
        "summary_context",
        swap(
            SUMMARY,
            ("contexts.index[0]", "contexts.index[-1]"),
            ("contexts.iloc[0]", "contexts.iloc[-1]"),
        ),
    ),
    # summary_caveat
    "summary_without_caveat": (
        "summary_caveat",
        swap(
            SUMMARY,
            (
                '        "This is observational: listeners choose shuffle, and shuffle is commoner in some "\n'
                '        "contexts, so the gap may be confounded; an A/B test would settle the causal question.\\n"\n',
                '        "Shuffle makes listeners skip more.\\n"\n',
            ),
        ),
    ),
    "summary_claims_a_cause": (
        "summary_caveat",
        swap(
            SUMMARY,
            (
                '        "This is observational: listeners choose shuffle, and shuffle is commoner in some "\n'
                '        "contexts, so the gap may be confounded; an A/B test would settle the causal question.\\n"\n',
                '        "Shuffle causally makes listeners skip more: a causal effect of the mode.\\n"\n',
            ),
        ),
    ),
    # summary_length
    "summary_lists_every_position": (
        "summary_length",
        swap(
            SUMMARY,
            (
                '        "A skip is `skip_2` (stopped early); each play counts once, duplicates removed.\\n"\n',
                '        "A skip is `skip_2` (stopped early); each play counts once, duplicates removed.\\n"\n'
                '        + "".join(\n'
                '            f"- position {p}: {100 * r:.1f} % of plays skipped\\n" for p, r in positions.items()\n'
                "        )\n",
            ),
        ),
    ),
}
