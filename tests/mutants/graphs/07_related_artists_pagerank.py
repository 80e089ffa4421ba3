"""Plausible wrong answers to graphs/07_related_artists_pagerank, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
import numpy as np


def personalized_pagerank(related, seed, alpha=0.85, tol=1e-6, max_iter=100):
    index = {artist: i for i, artist in enumerate(related)}
    artists = list(related)
    for others in related.values():
        for other in others:
            if other not in index:
                index[other] = len(artists)
                artists.append(other)
    if seed not in index:
        raise KeyError(seed)
    if not 0 <= alpha < 1:
        raise ValueError(f"alpha must be in [0, 1), got {alpha}")
    if tol <= 0:
        raise ValueError(f"tol must be > 0, got {tol}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter}")
    sources, targets = [], []
    for artist, others in related.items():
        i = index[artist]
        links = {index[other] for other in others}
        links.discard(i)
        sources += [i] * len(links)
        targets += links
    src = np.array(sources, dtype=np.intp)
    dst = np.array(targets, dtype=np.intp)
    n = len(artists)
    out_degree = np.bincount(src, minlength=n)
    share = 1.0 / out_degree[src]
    dangling = out_degree == 0
    s = index[seed]
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * np.bincount(dst, weights=last[src] * share, minlength=n)
        x[s] += alpha * last[dangling].sum() + (1.0 - alpha)
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(artists, x.tolist(), strict=True))
    raise RuntimeError(f"did not converge in max_iter={max_iter} iterations")
"""

# A dict-based version, as many candidates write it first.
DICTS = """
def personalized_pagerank(related, seed, alpha=0.85, tol=1e-6, max_iter=100):
    artists = list(related)
    seen = set(artists)
    for others in related.values():
        for other in others:
            if other not in seen:
                seen.add(other)
                artists.append(other)
    if seed not in seen:
        raise KeyError(seed)
    if not 0 <= alpha < 1:
        raise ValueError(f"alpha must be in [0, 1), got {alpha}")
    if tol <= 0:
        raise ValueError(f"tol must be > 0, got {tol}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter}")
    out = {a: [o for o in dict.fromkeys(related.get(a, ())) if o != a] for a in artists}
    n = len(artists)
    x = dict.fromkeys(artists, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = dict.fromkeys(artists, 0.0)
        lost = 0.0
        for a in artists:
            if out[a]:
                part = alpha * last[a] / len(out[a])
                for o in out[a]:
                    x[o] += part
            else:
                lost += last[a]
        x[seed] += alpha * lost + (1.0 - alpha)
        if sum(abs(x[a] - last[a]) for a in artists) < n * tol:
            return x
    raise RuntimeError(f"did not converge in max_iter={max_iter} iterations")
"""


RETURN = "            return dict(zip(artists, x.tolist(), strict=True))\n"
TELEPORT = "        x[s] += alpha * last[dangling].sum() + (1.0 - alpha)\n"
STOP = "        if np.abs(x - last).sum() < n * tol:\n"
LINKS = "        links = {index[other] for other in others}\n        links.discard(i)\n"

MUTANTS = {
    # returns
    "numpy_float_values": (
        "returns",
        swap(GOOD, (RETURN, "            return dict(zip(artists, x, strict=True))\n")),
    ),
    "drops_zero_scores": (
        "returns",
        swap(
            GOOD,
            (
                RETURN,
                "            return {a: v for a, v in zip(artists, x.tolist(), strict=True) if v}\n",
            ),
        ),
    ),
    "an_object_that_equals_everything": (
        "returns",
        """
def personalized_pagerank(related, seed, alpha=0.85, tol=1e-6, max_iter=100):
    class Anything(dict):
        def __eq__(self, other):
            return True

    return Anything()
""",
    ),
    # artists
    "only_keys_are_artists": (
        "artists",
        swap(
            DICTS,
            ("            if other not in seen:\n", "            if False:\n"),
            (
                "                x[o] += part\n",
                "                if o in x:\n                    x[o] += part\n",
            ),
        ),
    ),
    "seed_must_be_a_key": (
        "artists",
        swap(GOOD, ("    if seed not in index:\n", "    if seed not in related:\n")),
    ),
    # iteration
    "starts_from_the_seed": (
        "iteration",
        swap(
            GOOD,
            ("    x = np.full(n, 1.0 / n)\n", "    x = np.zeros(n)\n    x[index[seed]] = 1.0\n"),
        ),
    ),
    "jumps_to_a_random_artist": (
        "iteration",
        swap(
            GOOD,
            (
                TELEPORT,
                "        x[s] += alpha * last[dangling].sum()\n        x += (1.0 - alpha) / n\n",
            ),
        ),
    ),
    "teleport_inside_the_damping": (
        "iteration",
        swap(GOOD, (TELEPORT, "        x[s] += alpha * (last[dangling].sum() + (1.0 - alpha))\n")),
    ),
    # dangling
    "dead_ends_spread_over_everyone": (
        "dangling",
        swap(
            GOOD,
            (
                TELEPORT,
                "        x += alpha * last[dangling].sum() / n\n        x[s] += 1.0 - alpha\n",
            ),
        ),
    ),
    "dead_ends_drop_their_mass": (
        "dangling",
        swap(GOOD, (TELEPORT, "        x[s] += 1.0 - alpha\n")),
    ),
    "dead_ends_renormalised_away": (
        "dangling",
        swap(GOOD, (TELEPORT, "        x[s] += 1.0 - alpha\n        x /= x.sum()\n")),
    ),
    # dirty_data
    "duplicates_count_twice": (
        "dirty_data",
        swap(
            GOOD,
            (LINKS, "        links = [index[o] for o in others if index[o] != i]\n"),
        ),
    ),
    "self_links_kept": (
        "dirty_data",
        swap(GOOD, (LINKS, "        links = {index[other] for other in others}\n")),
    ),
    # convergence
    "tol_not_scaled_by_n": (
        "convergence",
        swap(GOOD, (STOP, "        if np.abs(x - last).sum() < tol:\n")),
    ),
    "max_norm_instead_of_l1": (
        "convergence",
        swap(GOOD, (STOP, "        if np.abs(x - last).max() < n * tol:\n")),
    ),
    "stops_at_or_below": (
        "convergence",
        swap(GOOD, (STOP, "        if np.abs(x - last).sum() <= n * tol:\n")),
    ),
    "returns_the_previous_iterate": (
        "convergence",
        swap(GOOD, (RETURN, "            return dict(zip(artists, last.tolist(), strict=True))\n")),
    ),
    # max_iter
    "returns_the_last_iterate_instead_of_raising": (
        "max_iter",
        swap(
            GOOD,
            (
                '    raise RuntimeError(f"did not converge in max_iter={max_iter} iterations")\n',
                "    return dict(zip(artists, x.tolist(), strict=True))\n",
            ),
        ),
    ),
    "one_iteration_short": (
        "max_iter",
        swap(GOOD, ("    for _ in range(max_iter):\n", "    for _ in range(max_iter - 1):\n")),
    ),
    "error_without_the_value": (
        "max_iter",
        swap(
            GOOD,
            (
                '    raise RuntimeError(f"did not converge in max_iter={max_iter} iterations")\n',
                '    raise RuntimeError("PageRank did not converge")\n',
            ),
        ),
    ),
    # unknown_seed
    "unknown_seed_gets_uniform_scores": (
        "unknown_seed",
        swap(
            GOOD,
            (
                "    if seed not in index:\n        raise KeyError(seed)\n",
                "    if seed not in index:\n        return {a: 1.0 / len(artists) for a in artists}\n",
            ),
        ),
    ),
    "key_error_without_the_seed": (
        "unknown_seed",
        swap(
            GOOD,
            ("        raise KeyError(seed)\n", '        raise KeyError("unknown seed artist")\n'),
        ),
    ),
    # errors
    "alpha_one_allowed": (
        "errors",
        swap(GOOD, ("    if not 0 <= alpha < 1:\n", "    if not 0 <= alpha <= 1:\n")),
    ),
    "alpha_zero_rejected": (
        "errors",
        swap(GOOD, ("    if not 0 <= alpha < 1:\n", "    if not 0 < alpha < 1:\n")),
    ),
    "zero_tol_not_checked": (
        "errors",
        swap(GOOD, ("    if tol <= 0:\n", "    if tol < 0:\n")),
    ),
    "zero_max_iter_falls_through": (
        "errors",
        swap(GOOD, ("    if max_iter < 1:\n", "    if max_iter < 0:\n")),
    ),
    "parameters_checked_before_the_seed": (
        "errors",
        swap(
            GOOD,
            (
                "    if seed not in index:\n        raise KeyError(seed)\n",
                "",
            ),
            (
                "    sources, targets = [], []\n",
                "    if seed not in index:\n        raise KeyError(seed)\n    sources, targets = [], []\n",
            ),
        ),
    ),
    # no_mutation
    "cleans_self_links_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    sources, targets = [], []\n",
                "    for artist, others in related.items():\n"
                "        while artist in others:\n"
                "            others.remove(artist)\n"
                "    sources, targets = [], []\n",
            ),
        ),
    ),
    # stateless
    "caches_scores_by_seed": (
        "stateless",
        swap(
            GOOD,
            (
                "def personalized_pagerank(related, seed, alpha=0.85, tol=1e-6, max_iter=100):\n",
                "_cache = {}\n\n\n"
                "def personalized_pagerank(related, seed, alpha=0.85, tol=1e-6, max_iter=100):\n"
                "    key = (seed, alpha, tol, max_iter)\n"
                "    if key not in _cache:\n"
                "        _cache[key] = _compute(related, seed, alpha, tol, max_iter)\n"
                "    return dict(_cache[key])\n\n\n"
                "def _compute(related, seed, alpha, tol, max_iter):\n",
            ),
        ),
    ),
    # scale
    "finds_in_links_by_scanning_every_artist": (
        "scale",
        swap(
            DICTS,
            (
                "        for a in artists:\n"
                "            if out[a]:\n"
                "                part = alpha * last[a] / len(out[a])\n"
                "                for o in out[a]:\n"
                "                    x[o] += part\n"
                "            else:\n"
                "                lost += last[a]\n",
                "        lost = sum(last[a] for a in artists if not out[a])\n"
                "        for target in artists:\n"
                "            x[target] = sum(\n"
                "                alpha * last[a] / len(out[a]) for a in artists if target in out[a]\n"
                "            )\n",
            ),
        ),
    ),
}
