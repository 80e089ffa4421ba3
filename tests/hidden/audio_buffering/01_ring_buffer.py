"""Hidden tests for audio_buffering/01_ring_buffer: the `RingBuffer` class."""

import random

from workbook.grading.asserts import assert_equal, assert_raises, assert_scales


class ModelBuffer:
    """The obviously correct model: an immutable bytes queue."""

    def __init__(self, capacity):
        self.capacity, self.data = capacity, b""

    def write(self, data):
        count = min(len(data), self.capacity - len(self.data))
        self.data += bytes(data[:count])
        return count

    def peek(self, n):
        return self.data[:n]

    def read(self, n):
        chunk, self.data = self.data[:n], self.data[n:]
        return chunk

    def __len__(self):
        return len(self.data)


class SliceRing:
    """A reference ring buffer used to calibrate the scale test."""

    def __init__(self, capacity):
        self.buf, self.start, self.size = bytearray(capacity), 0, 0

    def write(self, data):
        cap = len(self.buf)
        count = min(len(data), cap - self.size)
        end = (self.start + self.size) % cap
        first = min(count, cap - end)
        self.buf[end : end + first] = data[:first]
        self.buf[: count - first] = data[first:count]
        self.size += count
        return count

    def read(self, n):
        cap, count = len(self.buf), min(n, self.size)
        first = min(count, cap - self.start)
        out = bytes(self.buf[self.start : self.start + first]) + bytes(self.buf[: count - first])
        self.start, self.size = (self.start + count) % cap, self.size - count
        return out


def replay(make, capacity, operations):
    buffer, results = make(capacity), []
    for name, *args in operations:
        results.append(len(buffer) if name == "len" else getattr(buffer, name)(*args))
    return results


def test_example_from_the_statement():
    ops = [
        ("write", b"abcdef"),
        ("read", 4),
        ("write", b"ghijkl"),
        ("write", b"xyz"),
        ("read", 100),
    ]
    assert_equal(replay(RingBuffer, 8, ops), [6, b"abcd", 6, 0, b"efghijkl"], f"replay(8, {ops})")


def test_write_beyond_capacity_is_partial_and_never_overwrites_unread_bytes():
    ops = [("write", b"0123456789"), ("write", b"more"), ("read", 10)]
    assert_equal(replay(RingBuffer, 6, ops), [6, 0, b"012345"], f"replay(6, {ops})")


def test_reading_or_peeking_an_empty_buffer_returns_empty_bytes():
    assert_equal(
        replay(RingBuffer, 3, [("read", 2), ("peek", 2), ("read", 0)]),
        [b"", b"", b""],
        "reads of an empty buffer",
    )


def test_wrap_around_keeps_bytes_in_order_many_times():
    buffer, model = RingBuffer(5), ModelBuffer(5)
    for step in range(40):
        chunk = bytes([step % 251, (step * 7) % 251, (step * 13) % 251])
        assert_equal(buffer.write(chunk), model.write(chunk), f"write #{step} on capacity 5")
        assert_equal(
            buffer.read(2 + step % 2), model.read(2 + step % 2), f"read #{step} on capacity 5"
        )


def test_peek_does_not_consume():
    ops = [("write", b"header+payload"), ("peek", 6), ("peek", 6), ("read", 6), ("peek", 3)]
    assert_equal(
        replay(RingBuffer, 32, ops),
        [14, b"header", b"header", b"header", b"+pa"],
        f"replay(32, {ops})",
    )


def test_len_capacity_and_free_track_the_contents():
    buffer = RingBuffer(10)
    buffer.write(b"abcdefg")
    buffer.read(3)
    got = (len(buffer), buffer.capacity, buffer.free)
    assert_equal(got, (4, 10, 6), "(len, capacity, free) after writing 7 and reading 3 of 10")


def test_invalid_capacity_and_negative_sizes_raise_value_error():
    assert_raises(ValueError, lambda: RingBuffer(0), "RingBuffer(0)")
    assert_raises(ValueError, lambda: RingBuffer(-3), "RingBuffer(-3)")
    assert_raises(ValueError, lambda: RingBuffer(4).read(-1), "RingBuffer(4).read(-1)")
    assert_raises(ValueError, lambda: RingBuffer(4).peek(-1), "RingBuffer(4).peek(-1)")


def test_writing_text_raises_type_error():
    assert_raises(TypeError, lambda: RingBuffer(4).write("ab"), 'RingBuffer(4).write("ab")')


def test_accepts_bytearray_and_memoryview_and_returns_bytes():
    buffer = RingBuffer(8)
    buffer.write(bytearray(b"ab"))
    buffer.write(memoryview(b"cd"))
    chunk = buffer.read(4)
    assert type(chunk) is bytes, f"read returned {type(chunk).__name__}; expected bytes"
    assert_equal(chunk, b"abcd", "read(4) after writing bytearray and memoryview")


def test_random_operation_sequences_match_a_simple_model():
    rng = random.Random(21)
    for _trial in range(200):
        capacity = rng.randint(1, 12)
        ops = []
        for _ in range(rng.randint(1, 30)):
            kind = rng.choice(["write", "read", "peek", "len"])
            if kind == "write":
                ops.append(("write", bytes(rng.randrange(256) for _ in range(rng.randint(0, 15)))))
            elif kind == "len":
                ops.append(("len",))
            else:
                ops.append((kind, rng.randint(0, 15)))
        assert_equal(
            replay(RingBuffer, capacity, ops),
            replay(ModelBuffer, capacity, ops),
            f"replay({capacity}, {ops})",
        )


def test_scale_streams_20mb_through_64kb_with_slice_copies():
    RingBuffer(4).write(b"ab")  # fail fast, before the long stream
    chunk = bytes(range(256)) * 16  # 4 kB

    def stream(make):
        buffer = make(65_536)
        for _ in range(5_000):
            buffer.write(chunk)
            buffer.read(4_096)

    assert_scales(
        lambda: stream(RingBuffer),
        lambda: stream(SliceRing),
        factor=10,
        what="5,000 writes and reads of 4 kB",
    )
