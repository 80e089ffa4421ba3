"""Plausible wrong answers to audio_buffering/04_recently_played_cache, each breaking one clause."""

from workbook.contract import swap

GOOD = """
from collections import OrderedDict


def _check_id(track_id):
    if not isinstance(track_id, str):
        raise TypeError(f"track_id must be a str, got {track_id!r}")


def _positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


class TrackCache:
    def __init__(self, capacity_bytes):
        self._capacity = _positive_int("capacity_bytes", capacity_bytes)
        self._sizes = OrderedDict()
        self._used = 0
        self._pinned = None

    @property
    def used_bytes(self):
        return self._used

    def __len__(self):
        return len(self._sizes)

    def __contains__(self, track_id):
        return isinstance(track_id, str) and track_id in self._sizes

    def get(self, track_id):
        _check_id(track_id)
        if track_id not in self._sizes:
            return False
        self._sizes.move_to_end(track_id)
        return True

    def play(self, track_id):
        hit = self.get(track_id)
        self._pinned = track_id
        return hit

    def stop(self):
        self._pinned = None

    def put(self, track_id, size_bytes):
        _check_id(track_id)
        _positive_int("size_bytes", size_bytes)
        old = self._sizes.get(track_id, 0)
        pinned = self._pinned
        held = self._sizes.get(pinned, 0) if pinned != track_id else 0
        if held + size_bytes > self._capacity:
            return []
        self._used -= old
        self._sizes.pop(track_id, None)
        evicted = []
        while self._used + size_bytes > self._capacity:
            victim = next(iter(self._sizes))
            if victim == pinned:
                victim = next(key for key in self._sizes if key != pinned)
            self._used -= self._sizes.pop(victim)
            evicted.append(victim)
        self._sizes[track_id] = size_bytes
        self._used += size_bytes
        return evicted
"""

EVICT_LOOP = """        while self._used + size_bytes > self._capacity:
            victim = next(iter(self._sizes))
            if victim == pinned:
                victim = next(key for key in self._sizes if key != pinned)
            self._used -= self._sizes.pop(victim)
            evicted.append(victim)
"""
GET_BODY = """        if track_id not in self._sizes:
            return False
        self._sizes.move_to_end(track_id)
        return True
"""
FIT_CHECK = """        if held + size_bytes > self._capacity:
            return []
"""
REMOVE_OLD = """        self._used -= old
        self._sizes.pop(track_id, None)
"""
INT_CHECK = """    if isinstance(value, bool) or not isinstance(value, int):
"""


MUTANTS = {
    # returns
    "used_bytes_is_a_method": (
        "returns",
        swap(GOOD, ("    @property\n    def used_bytes", "    def used_bytes")),
    ),
    "used_bytes_is_a_plain_attribute": (
        "returns",
        swap(
            GOOD,
            ("    @property\n    def used_bytes(self):\n        return self._used\n", ""),
            ("self._used", "self.used_bytes"),
        ),
    ),
    "put_returns_none_when_nothing_is_evicted": (
        "returns",
        swap(GOOD, ("        return evicted\n", "        return evicted or None\n")),
    ),
    "put_returns_a_tuple": (
        "returns",
        swap(GOOD, ("        return evicted\n", "        return tuple(evicted)\n")),
    ),
    "put_returns_a_shared_list": (
        "returns",
        swap(
            GOOD,
            (
                "        self._pinned = None\n\n    @property",
                "        self._pinned = None\n        self._evicted = []\n\n    @property",
            ),
            (
                "        evicted = []\n",
                "        evicted = self._evicted\n        evicted.clear()\n",
            ),
        ),
    ),
    "get_returns_the_size": (
        "returns",
        swap(
            GOOD,
            (
                GET_BODY,
                """        if track_id not in self._sizes:
            return False
        self._sizes.move_to_end(track_id)
        return self._sizes[track_id]
""",
            ),
        ),
    ),
    # capacity
    "exactly_full_evicts": (
        "capacity",
        swap(
            GOOD,
            (
                "        while self._used + size_bytes > self._capacity:",
                "        while self._used + size_bytes >= self._capacity:",
            ),
            (
                "        if held + size_bytes > self._capacity:",
                "        if held + size_bytes >= self._capacity:",
            ),
        ),
    ),
    "counts_tracks_not_bytes": (
        "capacity",
        swap(
            GOOD,
            (
                "        while self._used + size_bytes > self._capacity:",
                "        while len(self._sizes) + 1 > self._capacity:",
            ),
        ),
    ),
    "evicts_until_used_is_below_the_size": (
        "capacity",
        swap(
            GOOD,
            (
                "        while self._used + size_bytes > self._capacity:",
                "        while self._sizes and self._used > self._capacity - size_bytes - 1:",
            ),
        ),
    ),
    # recency
    "get_does_not_refresh": (
        "recency",
        swap(
            GOOD,
            (
                "        self._sizes.move_to_end(track_id)\n        return True\n",
                "        return True\n",
            ),
        ),
    ),
    "play_does_not_refresh": (
        "recency",
        swap(
            GOOD,
            (
                "        hit = self.get(track_id)\n",
                "        _check_id(track_id)\n        hit = track_id in self._sizes\n",
            ),
        ),
    ),
    "update_keeps_the_old_position": (
        "recency",
        swap(
            GOOD,
            (REMOVE_OLD, "        self._used -= old\n"),
            (
                "        self._sizes[track_id] = size_bytes\n",
                "        self._sizes[track_id] = size_bytes  # stays where it was\n",
            ),
        ),
    ),
    "membership_refreshes": (
        "recency",
        swap(
            GOOD,
            (
                "        return isinstance(track_id, str) and track_id in self._sizes\n",
                "        if isinstance(track_id, str) and track_id in self._sizes:\n"
                "            self._sizes.move_to_end(track_id)\n"
                "            return True\n"
                "        return False\n",
            ),
        ),
    ),
    "membership_raises_on_unhashable": (
        "returns",
        swap(
            GOOD,
            (
                "        return isinstance(track_id, str) and track_id in self._sizes\n",
                "        return track_id in self._sizes\n",
            ),
        ),
    ),
    # eviction
    "evicts_most_recent_first": (
        "eviction",
        swap(
            GOOD,
            (
                "            victim = next(iter(self._sizes))\n",
                "            victim = next(reversed(self._sizes))\n",
            ),
            (
                "                victim = next(key for key in self._sizes if key != pinned)\n",
                "                victim = next(key for key in reversed(self._sizes) if key != pinned)\n",
            ),
        ),
    ),
    "evicted_ids_newest_first": (
        "eviction",
        swap(GOOD, ("        return evicted\n", "        return evicted[::-1]\n")),
    ),
    "evicts_one_extra_track": (
        "eviction",
        swap(
            GOOD,
            (
                "            evicted.append(victim)\n",
                "            evicted.append(victim)\n"
                "        if evicted and len(self._sizes) > 1 and next(iter(self._sizes)) != pinned:\n"
                "            victim = next(iter(self._sizes))\n"
                "            self._used -= self._sizes.pop(victim)\n"
                "            evicted.append(victim)\n",
            ),
        ),
    ),
    # update
    "update_keeps_counting_the_old_size": (
        "update",
        swap(GOOD, (REMOVE_OLD, "        self._sizes.pop(track_id, None)\n")),
    ),
    "update_evicts_itself": (
        "update",
        swap(
            GOOD,
            (REMOVE_OLD, ""),
            (
                "            self._used -= self._sizes.pop(victim)\n",
                "            self._used -= self._sizes.pop(victim)\n            old = 0 if victim == track_id else old\n",
            ),
            (
                "        self._sizes[track_id] = size_bytes\n        self._used += size_bytes\n",
                "        self._used += size_bytes - old\n        self._sizes[track_id] = size_bytes\n        self._sizes.move_to_end(track_id)\n",
            ),
        ),
    ),
    "update_keeps_the_first_size": (
        "update",
        swap(
            GOOD,
            (
                '        _positive_int("size_bytes", size_bytes)\n',
                '        _positive_int("size_bytes", size_bytes)\n        if track_id in self._sizes:\n            self._sizes.move_to_end(track_id)\n            return []\n',
            ),
        ),
    ),
    # pinned
    "evicts_the_pinned_track": (
        "pinned",
        swap(
            GOOD,
            (
                "            if victim == pinned:\n                victim = next(key for key in self._sizes if key != pinned)\n",
                "",
            ),
        ),
    ),
    "pins_only_cached_tracks": (
        "pinned",
        swap(
            GOOD,
            (
                "        self._pinned = track_id\n        return hit\n",
                "        if hit:\n            self._pinned = track_id\n        return hit\n",
            ),
        ),
    ),
    "stop_keeps_the_pin": (
        "pinned",
        swap(
            GOOD,
            (
                "    def stop(self):\n        self._pinned = None\n",
                "    def stop(self):\n        pass\n",
            ),
        ),
    ),
    "skipped_pin_moves_to_the_recent_end": (
        "pinned",
        swap(
            GOOD,
            (
                "                victim = next(key for key in self._sizes if key != pinned)\n",
                "                self._sizes.move_to_end(pinned)\n                victim = next(iter(self._sizes))\n",
            ),
        ),
    ),
    "play_keeps_the_first_pin": (
        "pinned",
        swap(
            GOOD,
            (
                "        self._pinned = track_id\n        return hit\n",
                "        if self._pinned is None:\n            self._pinned = track_id\n        return hit\n",
            ),
        ),
    ),
    # too_big
    "too_big_raises": (
        "too_big",
        swap(
            GOOD,
            (
                FIT_CHECK,
                '        if held + size_bytes > self._capacity:\n            raise ValueError(f"{track_id} does not fit")\n',
            ),
        ),
    ),
    "evicts_before_giving_up": (
        "too_big",
        swap(
            GOOD,
            (FIT_CHECK, ""),
            (
                "        while self._used + size_bytes > self._capacity:\n",
                "        while self._used + size_bytes > self._capacity:\n"
                "            if all(key == pinned for key in self._sizes):\n"
                "                return evicted\n",
            ),
        ),
    ),
    "ignores_the_pinned_bytes_when_checking_fit": (
        "too_big",
        swap(
            GOOD,
            (
                "        if held + size_bytes > self._capacity:\n",
                "        if size_bytes > self._capacity:\n",
            ),
            (
                "                victim = next(key for key in self._sizes if key != pinned)\n",
                "                victim = next((key for key in self._sizes if key != pinned), None)\n                if victim is None:\n                    self._sizes[track_id] = old\n                    self._used += old\n                    return evicted\n",
            ),
        ),
    ),
    "too_big_drops_the_cached_copy": (
        "too_big",
        swap(
            GOOD,
            (
                FIT_CHECK,
                "        if held + size_bytes > self._capacity:\n            self._used -= old\n            self._sizes.pop(track_id, None)\n            return []\n",
            ),
        ),
    ),
    # errors
    "accepts_a_bool_size": (
        "errors",
        swap(GOOD, (INT_CHECK, "    if not isinstance(value, int):\n")),
    ),
    "accepts_a_whole_float": (
        "errors",
        swap(
            GOOD,
            (
                INT_CHECK,
                "    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):\n",
            ),
        ),
    ),
    "zero_size_allowed": (
        "errors",
        swap(GOOD, ("    if value <= 0:\n", "    if value < 0:\n")),
    ),
    "message_without_the_value": (
        "errors",
        swap(
            GOOD,
            (
                '        raise ValueError(f"{name} must be > 0, got {value}")\n',
                '        raise ValueError(f"{name} must be positive")\n',
            ),
        ),
    ),
    "track_id_not_checked": (
        "errors",
        swap(GOOD, ("    if not isinstance(track_id, str):\n", "    if track_id is None:\n")),
    ),
    "size_checked_before_the_id": (
        "errors",
        swap(
            GOOD,
            (
                '        _check_id(track_id)\n        _positive_int("size_bytes", size_bytes)\n',
                '        _positive_int("size_bytes", size_bytes)\n        _check_id(track_id)\n',
            ),
        ),
    ),
    "rejected_play_still_pins": (
        "errors",
        swap(
            GOOD,
            (
                "        hit = self.get(track_id)\n        self._pinned = track_id\n",
                "        self._pinned = track_id\n        hit = self.get(track_id)\n",
            ),
        ),
    ),
    # empty
    "used_bytes_is_none_until_the_first_put": (
        "empty",
        swap(
            GOOD,
            ("        self._used = 0\n", "        self._used = None\n"),
            ("        self._used -= old\n", "        self._used = (self._used or 0) - old\n"),
        ),
    ),
    # independent
    "tracks_shared_between_caches": (
        "independent",
        swap(
            GOOD,
            ("class TrackCache:\n", "class TrackCache:\n    _shared = OrderedDict()\n\n"),
            ("        self._sizes = OrderedDict()\n", "        self._sizes = TrackCache._shared\n"),
        ),
    ),
    # scale
    "list_lru_with_remove": (
        "scale",
        swap(
            GOOD,
            (
                "        self._sizes = OrderedDict()\n",
                "        self._sizes = {}\n        self._order = []\n",
            ),
            (
                "        self._sizes.move_to_end(track_id)\n",
                "        self._order.remove(track_id)\n        self._order.append(track_id)\n",
            ),
            (
                "        self._sizes.pop(track_id, None)\n",
                "        if self._sizes.pop(track_id, None) is not None:\n            self._order.remove(track_id)\n",
            ),
            (
                "            victim = next(iter(self._sizes))\n            if victim == pinned:\n                victim = next(key for key in self._sizes if key != pinned)\n",
                "            victim = next(key for key in self._order if key != pinned)\n            self._order.remove(victim)\n",
            ),
            (
                "        self._sizes[track_id] = size_bytes\n",
                "        self._sizes[track_id] = size_bytes\n        self._order.append(track_id)\n",
            ),
        ),
    ),
    "sums_the_sizes_on_every_check": (
        "scale",
        swap(
            GOOD,
            (
                "        while self._used + size_bytes > self._capacity:\n",
                "        while sum(self._sizes.values()) + size_bytes > self._capacity:\n",
            ),
        ),
    ),
    "scans_for_the_oldest_tick": (
        "scale",
        swap(
            GOOD,
            (
                "        self._sizes = OrderedDict()\n",
                "        self._sizes = OrderedDict()\n        self._tick = {}\n        self._clock = 0\n",
            ),
            (
                "        self._sizes.move_to_end(track_id)\n        return True\n",
                "        self._clock += 1\n        self._tick[track_id] = self._clock\n        return True\n",
            ),
            (
                "            victim = next(iter(self._sizes))\n            if victim == pinned:\n                victim = next(key for key in self._sizes if key != pinned)\n",
                "            victim = min((k for k in self._sizes if k != pinned), key=self._tick.get)\n",
            ),
            (
                "        self._sizes[track_id] = size_bytes\n",
                "        self._sizes[track_id] = size_bytes\n        self._clock += 1\n        self._tick[track_id] = self._clock\n",
            ),
        ),
    ),
}
