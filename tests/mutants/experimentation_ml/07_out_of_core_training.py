"""Plausible wrong answers to experimentation_ml/07_out_of_core_training, each breaking one clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

FEATURES_FN = """
def build_features(frame, scaling):
    mean, std = scaling
    if not (math.isfinite(mean) and math.isfinite(std) and std > 0):
        raise ValueError(f"scaling needs a finite mean and a finite std > 0, got {scaling}")
    missing = [column for column in INPUTS if column not in frame.columns]
    if missing:
        raise ValueError(f"missing input columns: {missing}")
    hour = frame["hour_of_day"].to_numpy()
    if len(hour) and (hour.min() < 0 or hour.max() > 23):
        raise ValueError(f"hour_of_day must be in 0..23, got {hour.min()}..{hour.max()}")
    features = np.empty((len(frame), len(FEATURES)))
    features[:, 0] = (frame["session_position"].to_numpy(dtype=float) - mean) / std
    for i, column in enumerate(("premium", "skipped_previous", "paused_before_play"), start=1):
        features[:, i] = frame[column].to_numpy(dtype=float)
    features[:, 4:] = hour[:, None] // 6 == np.arange(4)
    return features
"""

SCALING_FN = """
def position_scaling(chunks):
    count, total, squares = 0, 0.0, 0.0
    for chunk in chunks:
        position = chunk["session_position"].to_numpy(dtype=float)
        count, total = count + len(position), total + position.sum()
        squares += (position * position).sum()
    if count == 0:
        raise ValueError(f"the chunks hold no rows (count = {count})")
    mean = total / count
    return float(mean), float(math.sqrt(max(squares / count - mean * mean, 0.0)))
"""

SGD_FN = """
def sgd_logistic(chunks, scaling, epochs=1, lr=0.1, batch_size=256, l2=1e-4, seed=0):
    if epochs < 1 or batch_size < 1:
        raise ValueError(f"epochs and batch_size must be >= 1, got {epochs} and {batch_size}")
    if not (lr > 0 and l2 >= 0):
        raise ValueError(f"need lr > 0 and l2 >= 0, got lr={lr} and l2={l2}")
    rng = np.random.default_rng(seed)
    weights = np.zeros(len(FEATURES))
    for _ in range(epochs):
        rows_seen = 0
        for chunk in chunks():
            x = build_features(chunk, scaling)
            y = chunk[LABEL].to_numpy(dtype=float)
            if ((y != 0) & (y != 1)).any():
                raise ValueError(f"labels must be 0 or 1, got {np.unique(y)}")
            order = rng.permutation(len(y))
            rows_seen += len(y)
            for start in range(0, len(y), batch_size):
                batch = order[start : start + batch_size]
                xb = x[batch]
                gradient = xb.T @ (sigmoid(xb @ weights) - y[batch]) / len(batch)
                weights = weights - lr * (gradient + l2 * weights)
        if rows_seen == 0:
            raise ValueError(f"the chunks hold no rows (rows = {rows_seen})")
    return weights
"""

PREDICT_FN = """
def predict_skip(weights, frame, scaling):
    return sigmoid(build_features(frame, scaling) @ weights)
"""

LEAKS_FN = """
def leaks_future(columns):
    unknown = [column for column in columns if column not in AVAILABLE_AT]
    if unknown:
        raise ValueError(f"columns missing from AVAILABLE_AT: {unknown}")
    cut = STAGES.index(PREDICTION_TIME)
    return [column for column in columns if STAGES.index(AVAILABLE_AT[column]) > cut]
"""


HOUR = "    features[:, 4:] = hour[:, None] // 6 == np.arange(4)\n"
POSITION = '    features[:, 0] = (frame["session_position"].to_numpy(dtype=float) - mean) / std\n'
UPDATE = "                weights = weights - lr * (gradient + l2 * weights)\n"
GRADIENT = "                gradient = xb.T @ (sigmoid(xb @ weights) - y[batch]) / len(batch)\n"

MUTANTS = {
    # features
    "hour_boundary_goes_down": (
        "features",
        swap(
            FEATURES_FN,
            (
                HOUR,
                "    features[:, 4:] = np.digitize(hour, [6, 12, 18], right=True)[:, None] "
                "== np.arange(4)\n",
            ),
        ),
    ),
    "premium_and_previous_swapped": (
        "features",
        swap(FEATURES_FN, ('("premium", "skipped_previous",', '("skipped_previous", "premium",')),
    ),
    "float32_to_save_memory": (
        "features",
        swap(FEATURES_FN, ("    return features\n", "    return features.astype(np.float32)\n")),
    ),
    "scaled_by_variance": (
        "features",
        swap(FEATURES_FN, ("- mean) / std\n", "- mean) / std**2\n")),
    ),
    "min_max_position": (
        "features",
        swap(FEATURES_FN, (POSITION, '    features[:, 0] = frame["session_position"] / 20.0\n')),
    ),
    # fixed_scaling
    "standardised_per_frame": (
        "fixed_scaling",
        swap(
            FEATURES_FN,
            (
                POSITION,
                '    position = frame["session_position"].to_numpy(dtype=float)\n'
                "    features[:, 0] = (position - position.mean()) / position.std()\n",
            ),
        ),
    ),
    "training_rescales_each_chunk": (
        "fixed_scaling",
        swap(
            SGD_FN,
            (
                "            x = build_features(chunk, scaling)\n",
                "            x = build_features(chunk, position_scaling([chunk]))\n",
            ),
        ),
    ),
    # no_future_inputs
    "relative_position_uses_session_length": (
        "no_future_inputs",
        swap(
            FEATURES_FN,
            (
                POSITION,
                '    relative = frame["session_position"] / frame.get("session_length", 20) * 20\n'
                "    features[:, 0] = (relative.to_numpy(dtype=float) - mean) / std\n",
            ),
        ),
    ),
    "columns_by_position": (
        "no_future_inputs",
        swap(
            FEATURES_FN,
            (
                "        features[:, i] = frame[column].to_numpy(dtype=float)\n",
                "        features[:, i] = frame.iloc[:, i + 3].to_numpy(dtype=float)\n",
            ),
        ),
    ),
    "previous_skip_from_label_shift": (
        "no_future_inputs",
        swap(
            FEATURES_FN,
            (
                HOUR,
                HOUR
                + "    if LABEL in frame.columns:\n"
                + "        previous = frame[LABEL].shift(1, fill_value=0).to_numpy(dtype=float)\n"
                + "        features[:, 2] = np.where(features[:, 0] * std + mean > 1, previous, 0.0)\n",
            ),
        ),
    ),
    # scaling
    "sample_std": (
        "scaling",
        swap(
            SCALING_FN,
            (
                "math.sqrt(max(squares / count - mean * mean, 0.0))",
                "math.sqrt(max((squares - count * mean * mean) / max(count - 1, 1), 0.0))",
            ),
        ),
    ),
    "mean_of_chunk_means": (
        "scaling",
        """
def position_scaling(chunks):
    means, variances = [], []
    for chunk in chunks:
        position = chunk["session_position"].to_numpy(dtype=float)
        if len(position):
            means.append(position.mean())
            variances.append(position.var())
    if not means:
        raise ValueError("the chunks hold no rows")
    return float(np.mean(means)), float(math.sqrt(np.mean(variances)))
""",
    ),
    "numpy_floats": (
        "scaling",
        swap(
            SCALING_FN,
            (
                "    return float(mean), float(math.sqrt(max(squares / count - mean * mean, 0.0)))",
                "    return np.float64(mean), np.sqrt(max(squares / count - mean * mean, 0.0))",
            ),
        ),
    ),
    # update_rule
    "summed_gradient": (
        "update_rule",
        swap(SGD_FN, (" / len(batch)\n", "\n")),
    ),
    "no_l2_term": (
        "update_rule",
        swap(SGD_FN, (UPDATE, "                weights = weights - lr * gradient\n")),
    ),
    "half_l2": (
        "update_rule",
        swap(SGD_FN, ("(gradient + l2 * weights)", "(gradient + l2 / 2 * weights)")),
    ),
    "generator_reseeded_each_epoch": (
        "update_rule",
        swap(
            SGD_FN,
            (
                "        rows_seen = 0\n",
                "        rows_seen = 0\n        rng = np.random.default_rng(seed)\n",
            ),
        ),
    ),
    "no_shuffle": (
        "update_rule",
        swap(SGD_FN, ("order = rng.permutation(len(y))", "order = np.arange(len(y))")),
    ),
    "shuffled_in_place_order": (
        "update_rule",
        swap(
            SGD_FN,
            (
                "order = rng.permutation(len(y))",
                "order = np.arange(len(y))\n            rng.shuffle(order[1:])",
            ),
        ),
    ),
    "batches_carry_over_chunks": (
        "update_rule",
        """
def sgd_logistic(chunks, scaling, epochs=1, lr=0.1, batch_size=256, l2=1e-4, seed=0):
    if epochs < 1 or batch_size < 1:
        raise ValueError(f"epochs and batch_size must be >= 1, got {epochs} and {batch_size}")
    if not (lr > 0 and l2 >= 0):
        raise ValueError(f"need lr > 0 and l2 >= 0, got lr={lr} and l2={l2}")
    rng = np.random.default_rng(seed)
    weights = np.zeros(len(FEATURES))

    def step(xb, yb, weights):
        gradient = xb.T @ (sigmoid(xb @ weights) - yb) / len(yb)
        return weights - lr * (gradient + l2 * weights)

    for _ in range(epochs):
        rows_seen = 0
        carry_x, carry_y = np.empty((0, len(FEATURES))), np.empty(0)
        for chunk in chunks():
            x = build_features(chunk, scaling)
            y = chunk[LABEL].to_numpy(dtype=float)
            if ((y != 0) & (y != 1)).any():
                raise ValueError(f"labels must be 0 or 1, got {np.unique(y)}")
            order = rng.permutation(len(y))
            rows_seen += len(y)
            x, y = np.vstack([carry_x, x[order]]), np.concatenate([carry_y, y[order]])
            full = len(y) - len(y) % batch_size
            for start in range(0, full, batch_size):
                weights = step(x[start : start + batch_size], y[start : start + batch_size], weights)
            carry_x, carry_y = x[full:], y[full:]
        if len(carry_y):
            weights = step(carry_x, carry_y, weights)
        if rows_seen == 0:
            raise ValueError(f"the chunks hold no rows (rows = {rows_seen})")
    return weights
""",
    ),
    "drops_the_last_short_batch": (
        "update_rule",
        swap(
            SGD_FN,
            ("range(0, len(y), batch_size)", "range(0, len(y) - batch_size + 1, batch_size)"),
        ),
    ),
    "gradient_sign_flipped": (
        "update_rule",
        swap(SGD_FN, ("(sigmoid(xb @ weights) - y[batch])", "(y[batch] - sigmoid(xb @ weights))")),
    ),
    "returns_a_list": (
        "update_rule",
        swap(SGD_FN, ("    return weights\n", "    return weights.tolist()\n")),
    ),
    # memory
    "features_cached_across_epochs": (
        "memory",
        swap(
            SGD_FN,
            (
                "    for _ in range(epochs):\n",
                "    cache = [(build_features(c, scaling), c) for c in chunks()]\n"
                "    for _ in range(epochs):\n",
            ),
            ("        for chunk in chunks():\n", "        for _x, chunk in cache:\n"),
        ),
    ),
    "chunks_listed_first": (
        "memory",
        swap(
            SGD_FN, ("        for chunk in chunks():\n", "        for chunk in list(chunks()):\n")
        ),
    ),
    "scaling_concatenates": (
        "memory",
        """
def position_scaling(chunks):
    frames = list(chunks)
    if not frames or sum(len(f) for f in frames) == 0:
        raise ValueError("the chunks hold no rows")
    position = pd.concat(frames)["session_position"].to_numpy(dtype=float)
    return float(position.mean()), float(position.std())
""",
    ),
    # serving
    "predicts_labels": (
        "serving",
        swap(
            PREDICT_FN,
            ("    return sigmoid(", "    return 1.0 * (sigmoid("),
            ("weights)\n", "weights) > 0.5)\n"),
        ),
    ),
    "serving_rescales_the_request": (
        "serving",
        swap(
            PREDICT_FN,
            (
                "build_features(frame, scaling)",
                "build_features(frame, position_scaling([frame]) if len(frame) > 1 else scaling)",
            ),
        ),
    ),
    "returns_logits": (
        "serving",
        swap(
            PREDICT_FN,
            (
                "sigmoid(build_features(frame, scaling) @ weights)",
                "build_features(frame, scaling) @ weights",
            ),
        ),
    ),
    # leakage
    "prediction_time_inclusive": ("leakage", swap(LEAKS_FN, ("]) > cut]", "]) >= cut]"))),
    "label_not_counted": (
        "leakage",
        swap(LEAKS_FN, ("]) > cut]", "]) > cut and column != LABEL]")),
    ),
    "unknown_assumed_safe": (
        "leakage",
        swap(
            LEAKS_FN,
            ("    if unknown:\n", "    if False:\n"),
            (
                "STAGES.index(AVAILABLE_AT[column])",
                "STAGES.index(AVAILABLE_AT.get(column, PREDICTION_TIME))",
            ),
        ),
    ),
    "sorted_result": (
        "leakage",
        swap(LEAKS_FN, ("    return [column", "    return sorted([column"), ("> cut]", "> cut])")),
    ),
    "session_end_only": (
        "leakage",
        swap(LEAKS_FN, ("]) > cut]", "]) == len(STAGES) - 1]")),
    ),
    # errors
    "hour_not_checked": (
        "errors",
        swap(FEATURES_FN, ("hour.min() < 0 or hour.max() > 23", "False")),
    ),
    "zero_std_accepted": (
        "errors",
        swap(FEATURES_FN, ("math.isfinite(std) and std > 0", "math.isfinite(std) and std != 0")),
    ),
    "missing_column_key_error": (
        "errors",
        swap(FEATURES_FN, ("    if missing:\n", "    if missing and False:\n")),
    ),
    "labels_not_checked": (
        "errors",
        swap(SGD_FN, ("((y != 0) & (y != 1)).any()", "False")),
    ),
    "negative_lr_accepted": ("errors", swap(SGD_FN, ("lr > 0 and l2 >= 0", "lr != 0 and l2 >= 0"))),
    "negative_l2_accepted": ("errors", swap(SGD_FN, ("lr > 0 and l2 >= 0", "lr > 0"))),
    "empty_training_returns_zeros": (
        "errors",
        swap(SGD_FN, ("        if rows_seen == 0:\n", "        if rows_seen < 0:\n")),
    ),
    "empty_scaling_divides_by_zero": (
        "errors",
        swap(SCALING_FN, ("    if count == 0:\n", "    if count < 0:\n")),
    ),
    # no_mutation
    "bucket_column_added": (
        "no_mutation",
        swap(
            FEATURES_FN,
            (HOUR, '    frame["hour_bucket"] = frame["hour_of_day"] // 6\n' + HOUR),
        ),
    ),
    "labels_cast_in_place": (
        "no_mutation",
        swap(
            SGD_FN,
            (
                "            y = chunk[LABEL].to_numpy(dtype=float)\n",
                "            chunk[LABEL] = chunk[LABEL].astype(float)\n"
                "            y = chunk[LABEL].to_numpy()\n",
            ),
        ),
    ),
    # scale
    "row_by_row_gradient": (
        "scale",
        swap(
            SGD_FN,
            (
                GRADIENT,
                "                gradient = np.zeros(len(FEATURES))\n"
                "                for row in batch:\n"
                "                    p = sigmoid(x[row] @ weights)\n"
                "                    gradient += x[row] * (p - y[row])\n"
                "                gradient /= len(batch)\n",
            ),
        ),
    ),
}
