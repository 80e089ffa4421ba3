"""The slips candidates make on the fundamentals sheet, each breaking one clause."""


def changed(**edits):
    """A wrong sheet: the reference's answers with `edits` applied (None removes a key)."""
    return (
        "_reference = answers\n"
        "def answers():\n"
        "    sheet = dict(_reference())\n"
        f"    for key, value in {edits!r}.items():\n"
        "        if value is None:\n"
        "            sheet.pop(key)\n"
        "        else:\n"
        "            sheet[key] = value\n"
        "    return sheet\n"
    )


MUTANTS = {
    "numbers_typed_as_text": ("answer_format", changed(ttl_after_hops="59")),
    "letters_in_capitals": ("answer_format", changed(udp_fit="A")),
    "letter_with_parentheses": ("answer_format", changed(tcp_vs_udp="(c)")),
    "one_question_skipped": ("answer_format", changed(context_switch=None)),
    "ttl_not_decremented": ("networking", changed(ttl_after_hops=64)),
    "handshake_as_one_and_a_half": ("networking", changed(tcp_handshake_rtts=1.5)),
    "post_called_idempotent": ("networking", changed(put_idempotent="b")),
    "truncate_fires_triggers": ("databases", changed(truncate_vs_delete="a")),
    "left_join_drops_unmatched": ("databases", changed(left_join_rows=5)),
    "count_counts_nulls": ("databases", changed(count_column_nulls=10)),
    "python_threads_for_cpu": ("operating_systems", changed(python_threads="c")),
    "threads_share_stacks": ("operating_systems", changed(threads_share="a")),
    "java8_tree_buckets_as_worst_case": ("data_structures", changed(hash_worst_case="b")),
    "binary_search_off_by_one": ("data_structures", changed(binary_search_steps=19)),
    "ordering_per_topic": ("distributed_systems", changed(kafka_ordering="a")),
    "no_idle_consumers": ("distributed_systems", changed(kafka_idle_consumers=0)),
    "rehash_everything": ("distributed_systems", changed(consistent_hashing_move=0.9)),
    "fraction_as_percent": ("distributed_systems", changed(consistent_hashing_move=10)),
    "median_for_mean": ("debugging", changed(mean_latency=50)),
    "littles_law_divided": ("debugging", changed(littles_law=40)),
    "restart_first": ("debugging", changed(slow_request="a")),
    "hll_error_tenfold": ("probabilistic_and_unix", changed(hll_error="a")),
    "uniq_without_sort": ("probabilistic_and_unix", changed(unix_top_lines="a")),
}
