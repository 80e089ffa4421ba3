"""Hidden tests for audio_buffering/01_ring_buffer: the `RingBuffer` class."""

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales

EXAMPLE = [
    ("write", b"abcdef"),
    ("read", 4),
    ("write", b"ghijkl"),
    ("write", b"xyz"),
    ("len",),
    ("free",),
    ("read", 100),
]


def replay(capacity, operations):
    """Run ("write", data), ("read", n), ("peek", n), ("len",), ("free",) or ("capacity",)
    on a new RingBuffer(capacity); one result per operation."""
    buffer, results = RingBuffer(capacity), []
    for name, *args in operations:
        if name == "len":
            results.append(len(buffer))
        elif name in ("free", "capacity"):
            results.append(getattr(buffer, name))
        else:
            results.append(getattr(buffer, name)(*args))
    return results


def model(capacity, operations):
    """The obviously correct model: an immutable `bytes` queue, same operations."""
    queue, results = b"", []
    for name, *args in operations:
        if name == "write":
            count = min(len(args[0]), capacity - len(queue))
            queue += bytes(args[0][:count])
            results.append(count)
        elif name in ("read", "peek"):
            results.append(queue[: args[0]])
            if name == "read":
                queue = queue[args[0] :]
        else:
            results.append({"len": len(queue), "free": capacity - len(queue)}.get(name, capacity))
    return results


class SliceRing:
    """A reference ring buffer that calibrates the scale tests."""

    def __init__(self, capacity):
        self.buf, self.start, self.size = bytearray(capacity), 0, 0

    def __len__(self):
        return self.size

    @property
    def free(self):
        return len(self.buf) - self.size

    def write(self, data):
        cap = len(self.buf)
        count = min(len(data), cap - self.size)
        end = (self.start + self.size) % cap
        first = min(count, cap - end)
        self.buf[end : end + first] = data[:first]
        self.buf[: count - first] = data[first:count]
        self.size += count
        return count

    def peek(self, n):
        cap, count = len(self.buf), min(n, self.size)
        first = min(count, cap - self.start)
        return bytes(self.buf[self.start : self.start + first]) + bytes(self.buf[: count - first])

    def read(self, n):
        out = self.peek(n)
        self.start, self.size = (self.start + len(out)) % len(self.buf), self.size - len(out)
        return out


@pins("fifo_order", "partial_write", "returns")
def test_example_from_the_statement():
    assert_returns([6, b"abcd", 6, 0, 8, 0, b"efghijkl"], replay, 8, EXAMPLE)


@pins("returns")
def test_read_and_peek_return_bytes_and_write_returns_int():
    buffer = RingBuffer(8)
    written = buffer.write(bytearray(b"abc"))
    assert_type(written, int, 'write(bytearray(b"abc"))')
    assert_equal(written, 3, 'write(bytearray(b"abc")) on an empty RingBuffer(8)')
    for call, result in (
        ("peek(2)", buffer.peek(2)),
        ("read(2)", buffer.read(2)),
        ("read(5) with 1 byte left", buffer.read(5)),
        ("read(5) on the now empty buffer", buffer.read(5)),
    ):
        assert_type(result, bytes, f"after write(bytearray(b'abc')), {call}")
    assert_returns(
        [3, b"ab", b"ab", b"c", b"", b""],
        replay,
        8,
        [
            ("write", bytearray(b"abc")),
            ("peek", 2),
            ("read", 2),
            ("read", 5),
            ("read", 5),
            ("peek", 5),
        ],
    )


@pins("sizes")
def test_len_capacity_and_free_are_int_properties_that_track_the_contents():
    ops = [("capacity",), ("len",), ("free",), ("write", b"abcdefg"), ("read", 3)]
    ops += [("len",), ("free",), ("capacity",), ("write", b"123456789"), ("len",), ("free",)]
    assert_returns([10, 0, 10, 7, b"abc", 4, 6, 10, 6, 10, 0], replay, 10, ops)


@pins("partial_write")
def test_a_write_that_does_not_fit_stores_only_what_fits_and_keeps_unread_bytes():
    ops = [("write", b"0123456789"), ("write", b"more"), ("read", 2), ("write", b"xyz")]
    assert_returns([6, 0, b"01", 2, b"2345xy", 0], replay, 6, [*ops, ("read", 10), ("len",)])
    assert_returns(
        [0, 0, 0, b""], replay, 3, [("write", b""), ("len",), ("write", b""), ("read", 1)]
    )


@pins("full_capacity")
def test_a_full_buffer_holds_exactly_capacity_bytes():
    assert_returns(
        [4, 0, 4, b"abcd", 0],
        replay,
        4,
        [("write", b"abcd"), ("free",), ("len",), ("read", 9), ("len",)],
    )
    assert_returns(
        [1, 0, b"a", 1, b"b"],
        replay,
        1,
        [("write", b"ab"), ("free",), ("read", 1), ("write", b"b"), ("read", 1)],
    )
    ops = [("write", b"abc"), ("read", 2), ("write", b"defgh"), ("len",), ("read", 5)]
    assert_returns([3, b"ab", 4, 5, b"cdefg"], replay, 5, ops)


@pins("fifo_order")
def test_bytes_come_out_in_write_order_across_many_wraps():
    ops = []
    for step in range(40):
        ops.append(("write", bytes([step, (step * 7) % 251, (step * 13) % 251])))
        ops.append(("read", 2 + step % 2))
    assert_returns(model(5, ops), replay, 5, ops)


@pins("fifo_order")
def test_short_zero_and_empty_reads_return_what_there_is():
    ops = [("read", 2), ("write", b"ab"), ("read", 0), ("read", 5), ("read", 1), ("len",)]
    assert_returns([b"", 2, b"", b"ab", b"", 0], replay, 3, ops)


@pins("peek")
def test_peek_returns_what_read_would_and_consumes_nothing():
    ops = [("write", b"header+payload"), ("peek", 6), ("len",), ("free",), ("peek", 6)]
    ops += [("read", 6), ("peek", 3), ("peek", 50), ("read", 50), ("peek", 1)]
    assert_returns(
        [14, b"header", 14, 18, b"header", b"header", b"+pa", b"+payload", b"+payload", b""],
        replay,
        32,
        ops,
    )
    wrapped = [("write", b"abcd"), ("read", 3), ("write", b"efg"), ("peek", 4), ("len",)]
    assert_returns([4, b"abc", 3, b"defg", 4], replay, 5, wrapped)


@pins("accepted_types")
def test_bytearray_and_memoryview_slices_are_accepted():
    buffer = RingBuffer(8)
    assert_equal(buffer.write(bytearray(b"ab")), 2, 'write(bytearray(b"ab")) on RingBuffer(8)')
    view = memoryview(b"..cde..")[2:5]
    assert_equal(buffer.write(view), 3, 'then write(memoryview(b"..cde..")[2:5])')
    assert_equal(
        buffer.write(memoryview(bytearray(b"fghij"))),
        3,
        "then write(memoryview(bytearray(b'fghij')))",
    )
    assert_equal(buffer.read(8), b"abcdefgh", "then read(8)")
    wrap = RingBuffer(4)
    wrap.write(b"xyz")
    wrap.read(3)
    assert_equal(
        wrap.write(memoryview(b"-12345-")[1:5]),
        4,
        'RingBuffer(4) after 3 bytes in and out: write(memoryview(b"-12345-")[1:5])',
    )
    assert_equal(wrap.peek(4), b"1234", "then peek(4) (the write wrapped around)")


@pins("errors")
def test_invalid_sizes_raise_value_error_naming_the_value():
    assert_raises(ValueError, RingBuffer, 0, match="0")
    assert_raises(ValueError, RingBuffer, -3, match="-3")
    buffer = RingBuffer(4)
    buffer.write(b"ab")
    assert_raises(ValueError, buffer.read, -2, match="-2")
    assert_raises(ValueError, buffer.peek, -5, match="-5")


@pins("errors")
def test_validation_comes_first_and_a_rejected_call_changes_nothing():
    empty = RingBuffer(4)
    assert_raises(ValueError, empty.read, -1, match="-1")
    assert_raises(ValueError, empty.peek, -7, match="-7")
    buffer = RingBuffer(4)
    buffer.write(b"abc")
    assert_raises(ValueError, buffer.read, -1, match="-1")
    assert_raises(ValueError, buffer.peek, -1, match="-1")
    assert_equal(len(buffer), 3, "len(buffer) after write(b'abc'), read(-1) and peek(-1) raised")
    assert_equal(
        buffer.read(4), b"abc", "read(4) after write(b'abc'), read(-1) and peek(-1) raised"
    )


@pins("type_errors")
def test_anything_but_bytes_raises_type_error_naming_the_type():
    buffer = RingBuffer(8)
    assert_raises(TypeError, buffer.write, "ab", match="str")
    assert_raises(TypeError, buffer.write, "", match="str")
    assert_raises(TypeError, buffer.write, 3, match="int")
    assert_raises(TypeError, buffer.write, [97, 98], match="list")
    assert_equal(
        len(buffer),
        0,
        'len(buffer) after write("ab"), write(""), write(3) and write([97, 98]) raised',
    )
    assert_equal(buffer.read(8), b"", "read(8) after only rejected writes")


@pins("no_mutation")
def test_write_neither_modifies_nor_keeps_the_callers_bytearray():
    buffer = RingBuffer(4)
    data = bytearray(b"abcdef")
    assert_returns(4, buffer.write, data)  # fails if `data` changed
    data[:] = b"zzzzzz"  # the caller reuses its network buffer
    assert_equal(
        buffer.read(4),
        b"abcd",
        "read(4) after write(bytearray(b'abcdef')) and the caller overwrote its bytearray",
    )
    chunk = bytearray(b"12")
    assert_returns(2, buffer.write, chunk)
    chunk[0:2] = b"??"
    assert_equal(
        buffer.peek(2),
        b"12",
        "peek(2) after write(bytearray(b'12')) and the caller overwrote its bytearray",
    )


@pins("independent")
def test_two_buffers_of_the_same_capacity_do_not_share_storage():
    first, second = RingBuffer(4), RingBuffer(4)
    first.write(b"ab")
    second.write(b"xyz")
    assert_equal(
        first.peek(4), b"ab", "first.peek(4) after first.write(b'ab'), second.write(b'xyz')"
    )
    assert_equal(len(first), 2, "len(first) after first.write(b'ab'), second.write(b'xyz')")
    second.read(3)
    assert_equal(first.read(4), b"ab", "first.read(4) after second was written and read")
    assert_equal(second.free, 4, "second.free after second.write(b'xyz'), second.read(3)")


DATA = st.binary(max_size=15)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("write"), DATA),
        st.tuples(st.just("write"), DATA.map(bytearray)),
        st.tuples(st.sampled_from(["read", "peek"]), st.integers(0, 15)),
        st.tuples(st.sampled_from(["len", "free"])),
    ),
    max_size=30,
)


@pins("fifo_order", "partial_write", "peek", "sizes", "full_capacity")
@derandomized(max_examples=80)
@given(capacity=st.integers(1, 12), operations=OPERATIONS)
def test_random_operation_sequences_match_a_bytes_queue(capacity, operations):
    assert_returns(model(capacity, operations), replay, capacity, operations)


@pins("scale_bytes")
def test_scale_streams_20mb_through_a_64kb_buffer_with_slice_copies():
    RingBuffer(4).write(b"ab")  # fail fast, before the long stream
    chunk = bytes(range(250)) * 16  # 4,000 bytes: wraps land mid-chunk

    def stream(make):
        buffer = make(65_536)
        buffer.write(chunk * 8)
        for _ in range(5_000):
            buffer.write(chunk)
            buffer.read(4_000)

    assert_scales(
        lambda: stream(RingBuffer),
        lambda: stream(SliceRing),
        factor=10,
        what="5,000 writes and reads of 4,000 bytes through a 64 kB RingBuffer",
        advice="Copy with at most two slice assignments per write and two slices per read "
        "(storage[end:end + first] = data[:first]); never loop over bytes in Python.",
    )


@pins("scale_capacity")
def test_scale_small_operations_on_a_2_to_the_26_byte_buffer():
    RingBuffer(4).peek(1)  # fail fast, before allocating 64 MB
    chunk = bytes(range(256))

    def small_operations(make):
        buffer = make(1 << 26)
        for _ in range(2_000):
            buffer.write(chunk)
            buffer.peek(100)
            buffer.read(200)
            len(buffer) + buffer.free

    assert_scales(
        lambda: small_operations(RingBuffer),
        lambda: small_operations(SliceRing),
        factor=10,
        what="a 2^26-byte RingBuffer and 2,000 writes, peeks and reads of 256 bytes",
        advice="Allocate one bytearray(capacity) once and touch only the bytes you move: "
        "no bytes(storage), no storage + storage, no rebuilding or shifting the storage.",
    )
