"""Short previews of values for failure messages: the head of a frame, the first items of a list."""

import reprlib

_LIMIT = 300


class _Preview(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()  # Python 3.11's Repr takes no keyword arguments
        self.maxlevel, self.maxlist, self.maxtuple, self.maxdict, self.maxset = 4, 10, 10, 8, 10
        self.maxstring = self.maxother = 80
        self.maxlong = 40

    def repr_list(self, value, level):
        return self._with_count(super().repr_list(value, level), len(value), self.maxlist)

    def repr_tuple(self, value, level):
        return self._with_count(super().repr_tuple(value, level), len(value), self.maxtuple)

    def repr_dict(self, value, level):
        return self._with_count(super().repr_dict(value, level), len(value), self.maxdict)

    @staticmethod
    def _with_count(text: str, size: int, shown: int) -> str:
        return f"{text} ({size:,} items)" if size > shown else text


_PREVIEW = _Preview()


def preview(value, limit: int = _LIMIT) -> str:
    """A one-line (or, for frames, a few-line) rendering of `value` short enough to read."""
    module = type(value).__module__.split(".")[0]
    if module == "pandas" and hasattr(value, "head"):
        return _frame(value)
    if module == "numpy" and getattr(value, "ndim", 0) >= 1:
        import numpy as np

        text = np.array2string(value, threshold=20, edgeitems=5)
        return f"array({text}, dtype={value.dtype}, shape={value.shape})"
    try:
        text = _PREVIEW.repr(value)
    except Exception:  # a learner's object whose __repr__ fails must not hide the failure
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


FRAME_ROWS = 20  # a frame this small is shown whole: its deciding row may be anywhere


def _frame(frame) -> str:
    kind = type(frame).__name__
    rows = len(frame)
    table = frame.to_frame() if kind == "Series" else frame  # Series.to_string has no max_colwidth
    head = (table if rows <= FRAME_ROWS else table.head(5)).to_string(max_colwidth=30)
    dtypes = ""
    if hasattr(frame, "dtypes") and kind == "DataFrame":
        dtypes = "\n  dtypes: " + ", ".join(f"{c}={t}" for c, t in frame.dtypes.items())
    more = f"\n  ... {rows:,} rows in all" if rows > FRAME_ROWS else ""
    return f"{kind} ({rows:,} rows):\n" + _indent(head) + more + dtypes


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))
