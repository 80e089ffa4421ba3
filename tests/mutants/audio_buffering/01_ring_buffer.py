"""Plausible wrong answers to audio_buffering/01_ring_buffer, each breaking one contract clause."""

GOOD = """
class RingBuffer:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        self._data, self._start, self._size = bytearray(capacity), 0, 0

    @property
    def capacity(self):
        return len(self._data)

    @property
    def free(self):
        return self.capacity - self._size

    def __len__(self):
        return self._size

    def write(self, data):
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"write() takes bytes, not {type(data).__name__}")
        data = memoryview(data).cast("B")
        count = min(len(data), self.free)
        end = (self._start + self._size) % self.capacity
        first = min(count, self.capacity - end)
        self._data[end : end + first] = data[:first]
        self._data[: count - first] = data[first:count]
        self._size += count
        return count

    def peek(self, n):
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        count = min(n, self._size)
        first = min(count, self.capacity - self._start)
        return bytes(self._data[self._start : self._start + first]) + bytes(self._data[: count - first])

    def read(self, n):
        chunk = self.peek(n)
        self._start = (self._start + len(chunk)) % self.capacity
        self._size -= len(chunk)
        return chunk
"""


def patch(*pairs: str) -> str:
    """GOOD with each (old, new) replaced; every `old` must occur."""
    source = GOOD
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


TWO_INDICES = """
class RingBuffer:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        self._data, self._read, self._write = bytearray(capacity), 0, 0

    @property
    def capacity(self):
        return len(self._data)

    def __len__(self):
        return (self._write - self._read) % self.capacity

    @property
    def free(self):
        return self.capacity - 1 - len(self)  # read == write means empty, so one slot stays free

    def write(self, data):
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"write() takes bytes, not {type(data).__name__}")
        data = memoryview(data).cast("B")
        count = min(len(data), self.free)
        first = min(count, self.capacity - self._write)
        self._data[self._write : self._write + first] = data[:first]
        self._data[: count - first] = data[first:count]
        self._write = (self._write + count) % self.capacity
        return count

    def peek(self, n):
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        count = min(n, len(self))
        first = min(count, self.capacity - self._read)
        return bytes(self._data[self._read : self._read + first]) + bytes(self._data[: count - first])

    def read(self, n):
        chunk = self.peek(n)
        self._read = (self._read + len(chunk)) % self.capacity
        return chunk
"""

CHUNK_QUEUE = """
from collections import deque


class RingBuffer:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        self._capacity, self._chunks, self._size = capacity, deque(), 0

    @property
    def capacity(self):
        return self._capacity

    @property
    def free(self):
        return self._capacity - self._size

    def __len__(self):
        return self._size

    def write(self, data):
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"write() takes bytes, not {type(data).__name__}")
        count = min(len(data), self.free)
        if count:
            self._chunks.append(memoryview(data)[:count])  # zero-copy: a view of the caller's bytes
            self._size += count
        return count

    def peek(self, n):
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        out, left = bytearray(), n
        for chunk in self._chunks:
            if left <= 0:
                break
            out += chunk[:left]
            left -= len(chunk[:left])
        return bytes(out)

    def read(self, n):
        out = self.peek(n)
        left = len(out)
        while left:
            chunk = self._chunks[0]
            if len(chunk) <= left:
                self._chunks.popleft()
                left -= len(chunk)
            else:
                self._chunks[0] = chunk[left:]
                left = 0
        self._size -= len(out)
        return out
"""

NUMPY_STORAGE = """
import numpy as np


class RingBuffer:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        self._data, self._start, self._size = np.zeros(capacity, np.uint8), 0, 0

    @property
    def capacity(self):
        return self._data.size

    @property
    def free(self):
        return self.capacity - self._size

    def __len__(self):
        return self._size

    def write(self, data):
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"write() takes bytes, not {type(data).__name__}")
        data = np.frombuffer(data, np.uint8)
        count = np.minimum(data.size, self.free)
        end = (self._start + self._size) % self.capacity
        first = min(count, self.capacity - end)
        self._data[end : end + first] = data[:first]
        self._data[: count - first] = data[first:count]
        self._size += int(count)
        return count

    def peek(self, n):
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        count = min(n, self._size)
        first = min(count, self.capacity - self._start)
        return self._data[self._start : self._start + first].tobytes() + self._data[: count - first].tobytes()

    def read(self, n):
        chunk = self.peek(n)
        self._start = (self._start + len(chunk)) % self.capacity
        self._size -= len(chunk)
        return chunk
"""

MUTANTS = {
    "returns_bytearray_slices": (
        "returns",
        patch(
            "return bytes(self._data[self._start : self._start + first]) + bytes(self._data[: count - first])",
            "return self._data[self._start : self._start + first] + self._data[: count - first]",
        ),
    ),
    "numpy_count_from_write": ("returns", NUMPY_STORAGE),
    "len_counts_free_space": (
        "sizes",
        patch(
            "    def __len__(self):\n        return self._size",
            "    def __len__(self):\n        return self.free",
        ),
    ),
    "free_is_a_method": (
        "sizes",
        patch(
            "    @property\n    def free(self):",
            "    def free(self):",
            "min(len(data), self.free)",
            "min(len(data), self.free())",
        ),
    ),
    "overwrites_the_oldest_bytes_when_full": (
        "partial_write",
        patch(
            "        count = min(len(data), self.free)\n",
            "        data = data[-self.capacity :]\n"
            "        overflow = max(0, len(data) - self.free)\n"
            "        self._start, self._size = (self._start + overflow) % self.capacity, self._size - overflow\n"
            "        count = len(data)\n",
        ),
    ),
    "writes_nothing_unless_everything_fits": (
        "partial_write",
        patch(
            "        count = min(len(data), self.free)\n",
            "        count = len(data) if len(data) <= self.free else 0\n",
        ),
    ),
    "two_indices_waste_a_slot": ("full_capacity", TWO_INDICES),
    "forgets_to_wrap_the_start_index": (
        "fifo_order",
        patch(
            "self._start = (self._start + len(chunk)) % self.capacity",
            "self._start = self._start + len(chunk)",
        ),
    ),
    "read_of_an_empty_buffer_raises": (
        "fifo_order",
        patch(
            "        chunk = self.peek(n)\n",
            "        if not self._size:\n            raise IndexError('read from an empty buffer')\n        chunk = self.peek(n)\n",
        ),
    ),
    "peek_forgets_the_wrapped_part": (
        "peek",
        patch(
            "    def read(self, n):\n        chunk = self.peek(n)\n",
            "    def read(self, n):\n        chunk = self._full_peek(n)\n",
        )
        + "\nRingBuffer._full_peek = RingBuffer.peek\n"
        + "RingBuffer.peek = lambda self, n: self._full_peek(n)[: self.capacity - self._start]\n",
    ),
    "peek_consumes": (
        "peek",
        patch("chunk = self.peek(n)", "chunk = self._peek(n)")
        + "\nRingBuffer._peek = RingBuffer.peek\nRingBuffer.peek = RingBuffer.read\n",
    ),
    "rejects_memoryview": (
        "accepted_types",
        patch(
            "isinstance(data, bytes | bytearray | memoryview)",
            "isinstance(data, bytes | bytearray)",
        ),
    ),
    "memoryview_slice_read_from_its_base": (
        "accepted_types",
        patch(
            '        data = memoryview(data).cast("B")\n',
            '        data = memoryview(data.obj if isinstance(data, memoryview) else data).cast("B")\n',
        ),
    ),
    "zero_capacity_accepted": ("errors", patch("if capacity <= 0:", "if capacity < 0:")),
    "negative_n_reads_nothing": (
        "errors",
        patch(
            '        if n < 0:\n            raise ValueError(f"n must be >= 0, got {n}")\n',
            "        n = max(n, 0)\n",
        ),
    ),
    "error_without_the_value": (
        "errors",
        patch(
            'raise ValueError(f"capacity must be positive, got {capacity}")',
            'raise ValueError("capacity must be positive")',
            'raise ValueError(f"n must be >= 0, got {n}")',
            'raise ValueError("n must not be negative")',
        ),
    ),
    "empty_buffer_short_circuits_validation": (
        "errors",
        patch(
            "        if n < 0:\n",
            "        if not self._size:\n            return b''\n        if n < 0:\n",
        ),
    ),
    "converts_with_bytes": (
        "type_errors",
        patch(
            '        if not isinstance(data, bytes | bytearray | memoryview):\n            raise TypeError(f"write() takes bytes, not {type(data).__name__}")\n',
            "        data = bytes(data)\n",
        ),
    ),
    "only_rejects_str": (
        "type_errors",
        patch(
            "if not isinstance(data, bytes | bytearray | memoryview):",
            "if isinstance(data, str):",
            '        data = memoryview(data).cast("B")\n',
            '        data = data if isinstance(data, list) else memoryview(data).cast("B")\n',
        ),
    ),
    "empty_data_returns_before_the_type_check": (
        "type_errors",
        patch(
            "        if not isinstance(data, bytes | bytearray",
            "        if not data:\n            return 0\n        if not isinstance(data, bytes | bytearray",
        ),
    ),
    "encodes_text": (
        "type_errors",
        patch(
            '        if not isinstance(data, bytes | bytearray | memoryview):\n            raise TypeError(f"write() takes bytes, not {type(data).__name__}")\n',
            "        if isinstance(data, str):\n            data = data.encode()\n",
        ),
    ),
    "consumes_the_callers_bytearray": (
        "no_mutation",
        patch(
            '        data = memoryview(data).cast("B")\n',
            '        original, data = data, memoryview(bytes(data)).cast("B")\n',
            "        self._size += count\n",
            "        self._size += count\n"
            "        if isinstance(original, bytearray):\n"
            "            del original[:count]  # the caller retries what is left\n",
        ),
    ),
    "updates_the_size_before_copying": (
        "type_errors",
        patch(
            '        if not isinstance(data, bytes | bytearray | memoryview):\n            raise TypeError(f"write() takes bytes, not {type(data).__name__}")\n        data = memoryview(data).cast("B")\n',
            "",
            "        self._size += count\n",
            "",
            "        first = min(count, self.capacity - end)\n",
            "        first = min(count, self.capacity - end)\n        self._size += count\n",
        ),
    ),
    "keeps_views_of_the_callers_bytes": ("no_mutation", CHUNK_QUEUE),
    "storage_pooled_by_capacity": (
        "independent",
        patch(
            "        self._data, self._start, self._size = bytearray(capacity), 0, 0\n",
            "        # reuse one allocation per capacity: memory on a phone is not free\n"
            "        self._data = RingBuffer._pool.setdefault(capacity, bytearray(capacity))\n"
            "        self._start, self._size = 0, 0\n",
        )
        + "\nRingBuffer._pool = {}\n",
    ),
    "copies_one_byte_at_a_time": (
        "scale_bytes",
        patch(
            "        self._data[end : end + first] = data[:first]\n        self._data[: count - first] = data[first:count]\n",
            "        for i in range(count):\n            self._data[(end + i) % self.capacity] = data[i]\n",
        ),
    ),
    "peek_unrolls_the_whole_storage": (
        "scale_capacity",
        patch(
            "        first = min(count, self.capacity - self._start)\n"
            "        return bytes(self._data[self._start : self._start + first]) + bytes(self._data[: count - first])\n",
            "        doubled = bytes(self._data) * 2  # no wrap-around to think about\n"
            "        return doubled[self._start : self._start + count]\n",
        ),
    ),
}
