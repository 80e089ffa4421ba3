"""Plausible wrong answers to audio_buffering/01_ring_buffer."""

GOOD = """
class RingBuffer:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError(capacity)
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
        if isinstance(data, str):
            raise TypeError("bytes please")
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
            raise ValueError(n)
        count = min(n, self._size)
        first = min(count, self.capacity - self._start)
        return bytes(self._data[self._start : self._start + first]) + bytes(self._data[: count - first])

    def read(self, n):
        chunk = self.peek(n)
        self._start = (self._start + len(chunk)) % self.capacity
        self._size -= len(chunk)
        return chunk
"""

MUTANTS = {
    "overwrites_the_oldest_bytes_when_full": GOOD.replace(
        "        count = min(len(data), self.free)\n",
        "        overflow = max(0, len(data) - self.free)\n"
        "        self._start, self._size = (self._start + overflow) % self.capacity, self._size - overflow\n"
        "        data = data[-self.capacity:]\n"
        "        count = len(data)\n",
    ),
    "empty_read_raises": GOOD.replace(
        "        chunk = self.peek(n)\n",
        "        if not self._size:\n            raise IndexError('empty')\n        chunk = self.peek(n)\n",
    ),
    "peek_consumes": GOOD.replace("chunk = self.peek(n)", "chunk = self._peek(n)")
    + "\nRingBuffer._peek = RingBuffer.peek\nRingBuffer.peek = RingBuffer.read\n",
    "forgets_to_wrap_the_start_index": GOOD.replace(
        "self._start = (self._start + len(chunk)) % self.capacity",
        "self._start = self._start + len(chunk)",
    ),
    "no_validation_and_encodes_text": GOOD.replace(
        "        if capacity <= 0:\n            raise ValueError(capacity)\n", ""
    )
    .replace("        if n < 0:\n            raise ValueError(n)\n", "        n = max(n, 0)\n")
    .replace('            raise TypeError("bytes please")', "            data = data.encode()"),
    "returns_bytearray_and_len_counts_free_space": GOOD.replace(
        "    def __len__(self):\n        return self._size",
        "    def __len__(self):\n        return self.free",
    ).replace(
        "        return bytes(self._data[self._start : self._start + first]) + bytes(self._data[: count - first])",
        "        return self._data[self._start : self._start + first] + self._data[: count - first]",
    ),
    "copies_one_byte_at_a_time": GOOD.replace(
        "        self._data[end : end + first] = data[:first]\n        self._data[: count - first] = data[first:count]\n",
        "        for i in range(count):\n            self._data[(end + i) % self.capacity] = data[i]\n",
    ),
}
