"""Plausible wrong answers to event_streams/10_beam_pipelines, each breaking one contract clause.

Each mutant redefines one of the reference's pieces, after the reference's cells have run."""

from workbook.contract import swap

STREAM = """
def to_test_stream(arrivals):
    stream, watermark = TestStream(), None
    for arrival in arrivals:
        if arrival[0] == "event":
            _, team, event_time, score = arrival
            stream = stream.add_elements([window.TimestampedValue((team, score), event_time)])
        elif arrival[0] == "watermark":
            time = arrival[1]
            if watermark is not None and time < watermark:
                raise ValueError(f"watermark went back from {watermark} to {time}")
            if time != watermark:
                stream = stream.advance_watermark_to(time)
            watermark = time
        else:
            raise ValueError(f"unknown arrival kind {arrival[0]!r}")
    return stream.advance_watermark_to_infinity()
"""

SESSIONS = """
class SessionizePlays(beam.PTransform):
    def __init__(self, gap_s=1800):
        super().__init__()
        _positive_int("gap_s", gap_s, 1)
        self.gap_s = gap_s

    def expand(self, plays):
        return (
            plays
            | "StampWithTs" >> beam.Map(lambda play: window.TimestampedValue(play, play[1]))
            | "Sessions" >> beam.WindowInto(window.Sessions(self.gap_s))
            | "CountPerUser" >> beam.combiners.Count.PerKey()
            | "ToRow" >> beam.ParDo(SessionRow())
        )


class SessionRow(beam.DoFn):
    def process(self, user_plays, session=beam.DoFn.WindowParam):
        user_id, plays = user_plays
        yield user_id, int(session.start), int(session.end), int(plays)
"""

PANES = """
class TeamScorePanes(beam.PTransform):
    def __init__(self, size=120, allowed_lateness=0, mode="accumulating"):
        super().__init__()
        _positive_int("size", size, 1)
        _positive_int("allowed_lateness", allowed_lateness, 0)
        if mode not in MODES:
            raise ValueError(f"mode must be 'accumulating' or 'discarding', got {mode!r}")
        self.size, self.allowed_lateness, self.mode = size, allowed_lateness, mode

    def expand(self, scores):
        return (
            scores
            | "FixedWindows"
            >> beam.WindowInto(
                window.FixedWindows(self.size),
                trigger=trigger.AfterWatermark(late=trigger.AfterCount(1)),
                allowed_lateness=self.allowed_lateness,
                accumulation_mode=MODES[self.mode],
            )
            | "SumPerTeam" >> beam.CombinePerKey(sum)
            | "ToPane" >> beam.ParDo(PaneRow())
        )


class PaneRow(beam.DoFn):
    def process(self, team_total, w=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        team, total = team_total
        timing = PaneInfoTiming.to_string(pane.timing)
        yield team, int(w.start), pane.index, timing, total
"""

IN_PYTHON = """
def python_sessions(user_and_times, gap_s):
    user, times = user_and_times
    times = sorted(times)
    start = previous = times[0]
    count = 0
    for ts in times:
        if ts - previous >= gap_s:
            yield user, start, previous + gap_s, count
            start, count = ts, 0
        previous, count = ts, count + 1
    yield user, start, previous + gap_s, count


class SessionizePlays(beam.PTransform):
    def __init__(self, gap_s=1800):
        super().__init__()
        _positive_int("gap_s", gap_s, 1)
        self.gap_s = gap_s

    def expand(self, plays):
        gap_s = self.gap_s
        return (
            plays
            | beam.GroupByKey()
            | beam.FlatMap(lambda kv: python_sessions((kv[0], list(kv[1])), gap_s))
        )
"""


MUTANTS = {
    # stream_events
    "elements_without_event_time": (
        "stream_events",
        swap(STREAM, ("[window.TimestampedValue((team, score), event_time)]", "[(team, score)]")),
    ),
    "element_keeps_the_event_time": (
        "stream_events",
        swap(
            STREAM,
            (
                "window.TimestampedValue((team, score), event_time)",
                "window.TimestampedValue((team, event_time, score), event_time)",
            ),
        ),
    ),
    "events_before_watermarks": (
        "stream_events",
        swap(
            STREAM,
            (
                "    stream, watermark = TestStream(), None\n    for arrival in arrivals:",
                "    stream, watermark = TestStream(), None\n    for arrival in sorted(arrivals, key=lambda a: a[0] != 'event'):",
            ),
        ),
    ),
    # stream_end
    "no_watermark_at_the_end": (
        "stream_end",
        swap(STREAM, ("    return stream.advance_watermark_to_infinity()", "    return stream")),
    ),
    "end_watermark_just_past_the_last_one": (
        "stream_end",
        swap(
            STREAM,
            (
                "    return stream.advance_watermark_to_infinity()",
                "    return stream.advance_watermark_to((watermark or 0) + 1)",
            ),
        ),
    ),
    # stream_watermarks
    "equal_watermark_passed_on": (
        "stream_watermarks",
        swap(
            STREAM,
            (
                "            if time != watermark:\n                stream",
                "            if True:\n                stream",
            ),
        ),
    ),
    "backwards_watermark_left_to_teststream": (
        "stream_watermarks",
        swap(
            STREAM,
            ("            if watermark is not None and time < watermark:", "            if False:"),
        ),
    ),
    "unknown_kind_ignored": (
        "stream_watermarks",
        swap(
            STREAM,
            (
                '            raise ValueError(f"unknown arrival kind {arrival[0]!r}")',
                "            continue",
            ),
        ),
    ),
    # sessions_output
    "session_ends_at_last_play": (
        "sessions_output",
        swap(
            SESSIONS,
            (
                "int(session.start), int(session.end), int(plays)",
                "int(session.start), int(session.end) - 1800, int(plays)",
            ),
        ),
    ),
    "timestamps_as_floats": (
        "sessions_output",
        swap(
            SESSIONS,
            (
                "int(session.start), int(session.end)",
                "session.start.micros / 1e6, session.end.micros / 1e6",
            ),
        ),
    ),
    "session_as_a_list": (
        "sessions_output",
        swap(
            SESSIONS,
            (
                "        yield user_id, int(session.start)",
                "        yield [user_id, int(session.start)",
            ),
            ("int(plays)\n", "int(plays)]\n"),
        ),
    ),
    # sessions_time
    "plays_not_stamped": (
        "sessions_time",
        swap(
            SESSIONS,
            (
                '            | "StampWithTs" >> beam.Map(lambda play: window.TimestampedValue(play, play[1]))\n',
                "",
            ),
        ),
    ),
    # sessions_rule
    "fixed_windows_of_the_gap": (
        "sessions_rule",
        swap(SESSIONS, ("window.Sessions(self.gap_s)", "window.FixedWindows(self.gap_s)")),
    ),
    "touching_sessions_merge": (
        "sessions_rule",
        swap(
            SESSIONS,
            ("window.Sessions(self.gap_s)", "window.Sessions(self.gap_s + 1)"),
            ("int(session.end)", "int(session.end) - 1"),
        ),
    ),
    "distinct_ts_counted": (
        "sessions_rule",
        swap(
            SESSIONS,
            (
                '            | "CountPerUser" >> beam.combiners.Count.PerKey()\n',
                '            | beam.Distinct()\n            | "CountPerUser" >> beam.combiners.Count.PerKey()\n',
            ),
        ),
    ),
    "gap_fixed_at_1800": (
        "sessions_rule",
        swap(
            SESSIONS,
            ("window.Sessions(self.gap_s)", "window.Sessions(1800)"),
            ("int(session.end)", "int(session.end)"),
        ),
    ),
    # sessions_gap
    "float_gap_accepted": (
        "sessions_gap",
        swap(
            SESSIONS,
            (
                '        _positive_int("gap_s", gap_s, 1)\n',
                "        if gap_s <= 0:\n            raise ValueError(f'gap_s must be positive, got {gap_s}')\n",
            ),
        ),
    ),
    "zero_gap_accepted": (
        "sessions_gap",
        swap(
            SESSIONS,
            (
                '        _positive_int("gap_s", gap_s, 1)\n',
                '        _positive_int("gap_s", gap_s, 0)\n',
            ),
        ),
    ),
    # sessions_distributed
    "sessions_computed_in_python": ("sessions_distributed", IN_PYTHON),
    # panes_output
    "timing_as_a_number": (
        "panes_output",
        swap(
            PANES,
            (
                "        timing = PaneInfoTiming.to_string(pane.timing)\n",
                "        timing = pane.timing\n",
            ),
        ),
    ),
    "window_start_as_a_timestamp": (
        "panes_output",
        swap(PANES, ("yield team, int(w.start),", "yield team, w.start,")),
    ),
    "no_team_in_the_pane": (
        "panes_output",
        swap(PANES, ("yield team, int(w.start),", "yield int(w.start),")),
    ),
    # panes_windows
    "no_late_firings": (
        "panes_windows",
        swap(
            PANES,
            ("trigger.AfterWatermark(late=trigger.AfterCount(1))", "trigger.AfterWatermark()"),
        ),
    ),
    "count_instead_of_sum": (
        "panes_windows",
        swap(PANES, ("beam.CombinePerKey(sum)", "beam.combiners.Count.PerKey()")),
    ),
    "all_teams_together": (
        "panes_windows",
        swap(
            PANES,
            (
                '            scores\n            | "FixedWindows"',
                '            scores\n            | beam.Map(lambda kv: ("TeamX", kv[1]))\n            | "FixedWindows"',
            ),
        ),
    ),
    "size_fixed_at_two_minutes": (
        "panes_windows",
        swap(PANES, ("window.FixedWindows(self.size)", "window.FixedWindows(120)")),
    ),
    # pane_index
    "index_is_one_when_late": (
        "pane_index",
        swap(
            PANES,
            ("int(w.start), pane.index, timing", 'int(w.start), int(timing == "LATE"), timing'),
        ),
    ),
    # panes_accumulation
    "mode_ignored": (
        "panes_accumulation",
        swap(
            PANES, ("accumulation_mode=MODES[self.mode]", "accumulation_mode=MODES['accumulating']")
        ),
    ),
    "modes_swapped": (
        "panes_accumulation",
        swap(
            PANES,
            (
                "accumulation_mode=MODES[self.mode]",
                "accumulation_mode=MODES['accumulating' if self.mode == 'discarding' else 'discarding']",
            ),
        ),
    ),
    # panes_lateness
    "lateness_ignored": (
        "panes_lateness",
        swap(PANES, ("allowed_lateness=self.allowed_lateness", "allowed_lateness=0")),
    ),
    "lateness_in_milliseconds": (
        "panes_lateness",
        swap(
            PANES,
            (
                "allowed_lateness=self.allowed_lateness",
                "allowed_lateness=self.allowed_lateness * 1000",
            ),
        ),
    ),
    "default_lateness_two_minutes": (
        "panes_lateness",
        swap(PANES, ("allowed_lateness=0, mode=", "allowed_lateness=120, mode=")),
    ),
    "lateness_one_second_short": (
        "panes_lateness",
        swap(
            PANES,
            (
                "allowed_lateness=self.allowed_lateness",
                "allowed_lateness=max(0, self.allowed_lateness - 1)",
            ),
        ),
    ),
    # panes_params
    "float_size_accepted": (
        "panes_params",
        swap(
            PANES,
            (
                '        _positive_int("size", size, 1)\n',
                "        if size < 1:\n            raise ValueError(f'size must be at least 1, got {size}')\n",
            ),
        ),
    ),
    "unknown_mode_accepted": (
        "panes_params",
        swap(
            PANES,
            ("        if mode not in MODES:", "        if False:"),
            ("MODES[self.mode]", "MODES.get(self.mode, MODES['accumulating'])"),
        ),
    ),
    "negative_lateness_accepted": (
        "panes_params",
        swap(
            PANES,
            (
                '_positive_int("allowed_lateness", allowed_lateness, 0)',
                '_positive_int("allowed_lateness", allowed_lateness, -10**9)',
            ),
        ),
    ),
}
