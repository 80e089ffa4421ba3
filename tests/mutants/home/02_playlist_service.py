"""Plausible wrong answers to home/02_playlist_service, each breaking one contract clause."""

from workbook.contract import swap

GOOD = '''
import contextlib
import re
import secrets
import sqlite3
import threading
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

DEFAULT_LIMIT, MAX_LIMIT = 20, 50
MAX_URIS = 100
MAX_NAME = 100
TRACK_URI = re.compile(r"spotify:track:[0-9A-Za-z]{22}")
DIGITS = re.compile(r"[0-9]+")
ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
JsonBody = Annotated[Any, Body()]  # the parsed JSON body, whatever its shape


class ApiError(Exception):
    """An error response: its HTTP status, a message and extra top-level fields."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


def error_response(status: int, message: str, **extra: Any) -> JSONResponse:
    """The Web API's error object: {"error": {"status": ..., "message": ...}} (+ extra fields)."""
    return JSONResponse({"error": {"status": status, "message": message}, **extra}, status)


def is_int(value: Any) -> bool:
    """A JSON integer: an int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def body_object(payload: Any) -> dict:
    """The request body as a JSON object, else 400."""
    if not isinstance(payload, dict):
        raise ApiError(400, "the body must be a JSON object")
    return payload


def optional_snapshot(body: dict) -> str | None:
    """The snapshot_id a modification is based on, if it names one."""
    snapshot = body.get("snapshot_id")
    if snapshot is not None and not isinstance(snapshot, str):
        raise ApiError(400, "snapshot_id must be a string")
    return snapshot


def track_uris(values: Any, what: str) -> list[str]:
    """1..100 valid track URIs, else 400."""
    if not isinstance(values, list) or not 1 <= len(values) <= MAX_URIS:
        raise ApiError(400, f"{what} must be a list of 1 to {MAX_URIS} track URIs")
    for uri in values:
        if not isinstance(uri, str) or not TRACK_URI.fullmatch(uri):
            raise ApiError(400, f"invalid track URI: {uri!r}")
    return values


def query_int(raw: str | None, name: str, default: int) -> int:
    """A query parameter made of digits only, else 400."""
    if raw is None:
        return default
    if not DIGITS.fullmatch(raw):
        raise ApiError(400, f"{name} must be a non-negative integer, got {raw!r}")
    return int(raw)


def create_app(db_path: str) -> FastAPI:
    """A FastAPI app serving the playlist API, all of its state in the SQLite file db_path."""
    # one writer at a time in this process; BEGIN IMMEDIATE guards against other processes
    write_lock = threading.Lock()

    def connect() -> sqlite3.Connection:
        db = sqlite3.connect(db_path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 30000")
        return db

    with contextlib.closing(connect()) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS playlists (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
                snapshot_id TEXT NOT NULL, total INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS items (
                playlist_id TEXT NOT NULL, position INTEGER NOT NULL, uri TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS items_by_position ON items (playlist_id, position);
            CREATE INDEX IF NOT EXISTS items_by_uri ON items (playlist_id, uri);
            """
        )

    class Transaction:
        """BEGIN IMMEDIATE (writes, under the lock) or BEGIN (reads); COMMIT or ROLLBACK."""

        def __init__(self, write: bool) -> None:
            self.write = write

        def __enter__(self) -> sqlite3.Connection:
            if self.write:
                write_lock.acquire()
            self.db = connect()
            self.db.execute("BEGIN IMMEDIATE" if self.write else "BEGIN")
            return self.db

        def __exit__(self, kind, error, trace) -> None:
            try:
                self.db.execute("COMMIT" if kind is None else "ROLLBACK")
            finally:
                self.db.close()
                if self.write:
                    write_lock.release()

    def playlist_row(db: sqlite3.Connection, playlist_id: str) -> tuple:
        row = db.execute(
            "SELECT id, name, description, snapshot_id, total FROM playlists WHERE id = ?",
            (playlist_id,),
        ).fetchone()
        if row is None:
            raise ApiError(404, f"no playlist with id {playlist_id!r}")
        return row

    def check_snapshot(row: tuple, expected: str | None) -> None:
        if expected is not None and expected != row[3]:
            raise ApiError(
                412,
                f"snapshot_id {expected!r} is stale; the playlist is now at {row[3]!r}",
                snapshot_id=row[3],
            )

    def new_snapshot(db: sqlite3.Connection, playlist_id: str, total: int) -> str:
        snapshot = secrets.token_urlsafe(16)
        db.execute(
            "UPDATE playlists SET snapshot_id = ?, total = ? WHERE id = ?",
            (snapshot, total, playlist_id),
        )
        return snapshot

    def renumber(db: sqlite3.Connection, playlist_id: str, start: int, rowids: list) -> None:
        db.executemany(
            "UPDATE items SET position = ? WHERE rowid = ?",
            [(start + i, rowid) for i, rowid in enumerate(rowids)],
        )

    def as_json(row: tuple) -> dict:
        playlist_id, name, description, snapshot, total = row
        return {
            "id": playlist_id,
            "name": name,
            "description": description,
            "snapshot_id": snapshot,
            "tracks": {"total": total},
        }

    app = FastAPI()

    @app.exception_handler(ApiError)
    def api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.message, **error.extra)

    @app.exception_handler(RequestValidationError)
    def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(400, "the body is not valid JSON")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return error_response(error.status_code, str(error.detail))

    @app.post("/v1/playlists", status_code=201)
    def create_playlist(payload: JsonBody = None) -> dict:
        body = body_object(payload)
        name, description = body.get("name"), body.get("description", "")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME:
            raise ApiError(400, f"name must be a string of 1 to {MAX_NAME} characters")
        if not isinstance(description, str):
            raise ApiError(400, "description must be a string")
        playlist_id = "".join(secrets.choice(ID_ALPHABET) for _ in range(22))
        row = (playlist_id, name, description, secrets.token_urlsafe(16), 0)
        with Transaction(write=True) as db:
            db.execute("INSERT INTO playlists VALUES (?, ?, ?, ?, ?)", row)
        return as_json(row)

    @app.get("/v1/playlists/{playlist_id}")
    def get_playlist(playlist_id: str) -> dict:
        with Transaction(write=False) as db:
            return as_json(playlist_row(db, playlist_id))

    @app.get("/v1/playlists/{playlist_id}/tracks")
    def get_items(playlist_id: str, limit: str | None = None, offset: str | None = None) -> dict:
        limit_value = query_int(limit, "limit", DEFAULT_LIMIT)
        offset_value = query_int(offset, "offset", 0)
        if not 1 <= limit_value <= MAX_LIMIT:
            raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}, got {limit_value}")
        with Transaction(write=False) as db:
            total = playlist_row(db, playlist_id)[4]
            uris = []
            if offset_value < total:
                uris = db.execute(
                    "SELECT uri FROM items WHERE playlist_id = ? AND position >= ? "
                    "ORDER BY position LIMIT ?",
                    (playlist_id, offset_value, limit_value),
                ).fetchall()
        following = offset_value + limit_value
        return {
            "items": [{"track": {"uri": uri}} for (uri,) in uris],
            "limit": limit_value,
            "offset": offset_value,
            "total": total,
            "next": (
                f"/v1/playlists/{playlist_id}/tracks?offset={following}&limit={limit_value}"
                if following < total
                else None
            ),
        }

    @app.post("/v1/playlists/{playlist_id}/tracks", status_code=201)
    def add_items(playlist_id: str, payload: JsonBody = None) -> dict:
        body = body_object(payload)
        uris = track_uris(body.get("uris"), "uris")
        position = body.get("position")
        if position is not None and not is_int(position):
            raise ApiError(400, "position must be an integer or null")
        expected = optional_snapshot(body)
        with Transaction(write=True) as db:
            row = playlist_row(db, playlist_id)
            check_snapshot(row, expected)
            total = row[4]
            at = total if position is None else position
            if not 0 <= at <= total:
                raise ApiError(400, f"position {at} is outside 0..{total}")
            if at < total:
                db.execute(
                    "UPDATE items SET position = position + ? "
                    "WHERE playlist_id = ? AND position >= ?",
                    (len(uris), playlist_id, at),
                )
            db.executemany(
                "INSERT INTO items (playlist_id, position, uri) VALUES (?, ?, ?)",
                [(playlist_id, at + i, uri) for i, uri in enumerate(uris)],
            )
            return {"snapshot_id": new_snapshot(db, playlist_id, total + len(uris))}

    @app.delete("/v1/playlists/{playlist_id}/tracks")
    def remove_items(playlist_id: str, payload: JsonBody = None) -> dict:
        body = body_object(payload)
        tracks = body.get("tracks")
        if not isinstance(tracks, list) or not all(
            isinstance(t, dict) and "uri" in t for t in tracks
        ):
            raise ApiError(400, 'tracks must be a list of {"uri": ...} objects')
        uris = set(track_uris([t["uri"] for t in tracks], "tracks"))
        expected = optional_snapshot(body)
        with Transaction(write=True) as db:
            row = playlist_row(db, playlist_id)
            check_snapshot(row, expected)
            marks = ", ".join("?" * len(uris))
            found = db.execute(
                f"SELECT rowid, position, uri FROM items WHERE playlist_id = ? AND uri IN ({marks})",
                (playlist_id, *uris),
            ).fetchall()
            missing = uris - {uri for _, _, uri in found}
            if missing:
                raise ApiError(409, f"not in the playlist: {', '.join(sorted(missing))}")
            first = min(position for _, position, _ in found)
            db.executemany("DELETE FROM items WHERE rowid = ?", [(r,) for r, _, _ in found])
            rest = db.execute(
                "SELECT rowid FROM items WHERE playlist_id = ? AND position > ? ORDER BY position",
                (playlist_id, first),
            ).fetchall()
            renumber(db, playlist_id, first, [r for (r,) in rest])
            return {"snapshot_id": new_snapshot(db, playlist_id, row[4] - len(found))}

    @app.put("/v1/playlists/{playlist_id}/tracks")
    def reorder_items(playlist_id: str, payload: JsonBody = None) -> dict:
        body = body_object(payload)
        start, before = body.get("range_start"), body.get("insert_before")
        length = 1 if body.get("range_length") is None else body["range_length"]
        if not (is_int(start) and is_int(before) and is_int(length)):
            raise ApiError(400, "range_start, insert_before and range_length must be integers")
        expected = optional_snapshot(body)
        with Transaction(write=True) as db:
            row = playlist_row(db, playlist_id)
            check_snapshot(row, expected)
            total = row[4]
            if not (start >= 0 and length >= 1 and start + length <= total):
                raise ApiError(
                    400, f"range {start}..{start + length - 1} is outside 0..{total - 1}"
                )
            if not 0 <= before <= total or start < before < start + length:
                raise ApiError(400, f"insert_before {before} is outside 0..{total} or in the range")
            low, high = min(start, before), max(start + length, before)
            window = db.execute(
                "SELECT rowid FROM items WHERE playlist_id = ? AND position >= ? AND position < ? "
                "ORDER BY position",
                (playlist_id, low, high),
            ).fetchall()
            rowids = [r for (r,) in window]
            moved = rowids[start - low : start - low + length]
            kept = rowids[: start - low] + rowids[start - low + length :]
            at = before - low if before <= start else before - low - length
            renumber(db, playlist_id, low, kept[:at] + moved + kept[at:])
            return {"snapshot_id": new_snapshot(db, playlist_id, total)}

    return app
'''

TRANSACTION = """        def __enter__(self) -> sqlite3.Connection:
            if self.write:
                write_lock.acquire()
            self.db = connect()
            self.db.execute("BEGIN IMMEDIATE" if self.write else "BEGIN")
            return self.db

        def __exit__(self, kind, error, trace) -> None:
            try:
                self.db.execute("COMMIT" if kind is None else "ROLLBACK")
            finally:
                self.db.close()
                if self.write:
                    write_lock.release()
"""
AUTOCOMMIT = """        def __enter__(self) -> sqlite3.Connection:
            self.db = connect()
            return self.db

        def __exit__(self, kind, error, trace) -> None:
            self.db.close()
"""
SHARED_MEMORY = """        def __enter__(self) -> sqlite3.Connection:
            write_lock.acquire()
            self.db = MEMORY
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, kind, error, trace) -> None:
            try:
                self.db.execute("COMMIT" if kind is None else "ROLLBACK")
            finally:
                write_lock.release()
"""
PAGE_QUERY = """            if offset_value < total:
                uris = db.execute(
                    "SELECT uri FROM items WHERE playlist_id = ? AND position >= ? "
                    "ORDER BY position LIMIT ?",
                    (playlist_id, offset_value, limit_value),
                ).fetchall()
"""
APPEND = """            if at < total:
                db.execute(
                    "UPDATE items SET position = position + ? "
                    "WHERE playlist_id = ? AND position >= ?",
                    (len(uris), playlist_id, at),
                )
            db.executemany(
                "INSERT INTO items (playlist_id, position, uri) VALUES (?, ?, ?)",
                [(playlist_id, at + i, uri) for i, uri in enumerate(uris)],
            )
"""
REWRITE = """            old = [u for (u,) in db.execute(
                "SELECT uri FROM items WHERE playlist_id = ? ORDER BY position", (playlist_id,)
            )]
            new = old[:at] + uris + old[at:]
            db.execute("DELETE FROM items WHERE playlist_id = ?", (playlist_id,))
            db.executemany(
                "INSERT INTO items (playlist_id, position, uri) VALUES (?, ?, ?)",
                [(playlist_id, i, uri) for i, uri in enumerate(new)],
            )
"""
ADD_CHECKS = """            check_snapshot(row, expected)
            total = row[4]
            at = total if position is None else position
            if not 0 <= at <= total:
                raise ApiError(400, f"position {at} is outside 0..{total}")
"""

MUTANTS = {
    # atomic
    "read_modify_write_without_a_transaction": ("atomic", swap(GOOD, (TRANSACTION, AUTOCOMMIT))),
    "deferred_begin_and_no_lock": (
        "atomic",
        swap(
            GOOD,
            ("            if self.write:\n                write_lock.acquire()\n", ""),
            ("                if self.write:\n                    write_lock.release()\n", ""),
            ('"BEGIN IMMEDIATE" if self.write else "BEGIN"', '"BEGIN"'),
        ),
    ),
    # optimistic
    "stale_snapshot_is_409": (
        "optimistic",
        swap(GOOD, ("                412,\n", "                409,\n")),
    ),
    "stale_snapshot_applied_anyway": (
        "optimistic",
        swap(
            GOOD,
            (
                "        if expected is not None and expected != row[3]:",
                "        if False:",
            ),
        ),
    ),
    "412_without_the_current_snapshot": (
        "optimistic",
        swap(GOOD, ("                snapshot_id=row[3],\n", "")),
    ),
    # remove
    "missing_track_is_412": (
        "remove",
        swap(
            GOOD,
            (
                'raise ApiError(409, f"not in the playlist',
                'raise ApiError(412, f"not in the playlist',
            ),
        ),
    ),
    "missing_tracks_skipped": (
        "remove",
        swap(
            GOOD,
            ("            if missing:\n", "            if missing and not found:\n"),
        ),
    ),
    "only_the_first_occurrence_removed": (
        "remove",
        swap(
            GOOD,
            (
                "            missing = uris - {uri for _, _, uri in found}\n",
                "            found = list({u: (r, p, u) for r, p, u in sorted(found, key=lambda f: -f[1])}.values())\n"
                "            missing = uris - {uri for _, _, uri in found}\n",
            ),
        ),
    ),
    # reorder
    "block_inserted_after_insert_before_when_moving_down": (
        "reorder",
        swap(
            GOOD,
            (
                "            at = before - low if before <= start else before - low - length\n",
                "            at = before - low\n",
            ),
            (
                "            low, high = min(start, before), max(start + length, before)\n",
                "            low, high = min(start, before), max(start + length, min(before + 1, total))\n",
            ),
        ),
    ),
    "range_length_ignored": (
        "reorder",
        swap(
            GOOD,
            (
                '        length = 1 if body.get("range_length") is None else body["range_length"]\n',
                "        length = 1\n",
            ),
        ),
    ),
    "insert_before_inside_the_block_accepted": (
        "reorder",
        swap(
            GOOD,
            (
                "            if not 0 <= before <= total or start < before < start + length:\n",
                "            if not 0 <= before <= total:\n",
            ),
            (
                "            at = before - low if before <= start else before - low - length\n",
                "            at = before - low if before <= start else max(0, before - low - length)\n",
            ),
        ),
    ),
    # pagination
    "offset_and_limit_swapped": (
        "pagination",
        swap(
            GOOD,
            (
                "(playlist_id, offset_value, limit_value),",
                "(playlist_id, limit_value, offset_value),",
            ),
        ),
    ),
    "max_limit_not_enforced": (
        "pagination",
        swap(
            GOOD,
            (
                "        if not 1 <= limit_value <= MAX_LIMIT:\n",
                "        if not 1 <= limit_value:\n",
            ),
        ),
    ),
    "next_when_the_page_ends_exactly_at_the_total": (
        "pagination",
        swap(
            GOOD,
            ("                if following < total\n", "                if following <= total\n"),
        ),
    ),
    "default_limit_of_50": (
        "pagination",
        swap(
            GOOD,
            ('query_int(limit, "limit", DEFAULT_LIMIT)', 'query_int(limit, "limit", MAX_LIMIT)'),
        ),
    ),
    "huge_offset_sent_to_sqlite": (
        "pagination",
        swap(GOOD, ("            if offset_value < total:\n", "            if True:\n")),
    ),
    # add_position
    "position_clamped": (
        "add_position",
        swap(
            GOOD,
            (
                '            if not 0 <= at <= total:\n                raise ApiError(400, f"position {at} is outside 0..{total}")\n',
                "            at = max(0, min(at, total))\n",
            ),
        ),
    ),
    "position_0_appends": (
        "add_position",
        swap(
            GOOD,
            (
                "            at = total if position is None else position\n",
                "            at = position or total\n",
            ),
        ),
    ),
    # errors
    "booleans_accepted_as_integers": (
        "errors",
        swap(
            GOOD,
            (
                "    return isinstance(value, int) and not isinstance(value, bool)",
                "    return isinstance(value, int)",
            ),
        ),
    ),
    "error_body_is_fastapis_detail": (
        "errors",
        swap(
            GOOD,
            (
                '    return JSONResponse({"error": {"status": status, "message": message}, **extra}, status)',
                '    return JSONResponse({"detail": message, **extra}, status)',
            ),
        ),
    ),
    "invalid_json_is_422": (
        "errors",
        swap(
            GOOD,
            (
                '        return error_response(400, "the body is not valid JSON")',
                '        return error_response(422, "the body is not valid JSON")',
            ),
        ),
    ),
    # no_500
    "body_type_not_checked": (
        "no_500",
        swap(GOOD, ("    if not isinstance(payload, dict):\n", "    if payload is None:\n")),
    ),
    # error_order
    "position_checked_before_the_snapshot": (
        "error_order",
        swap(
            GOOD,
            (
                ADD_CHECKS,
                "            total = row[4]\n"
                "            at = total if position is None else position\n"
                "            if not 0 <= at <= total:\n"
                '                raise ApiError(400, f"position {at} is outside 0..{total}")\n'
                "            check_snapshot(row, expected)\n",
            ),
        ),
    ),
    # track_uri
    "uri_pattern_not_anchored": (
        "track_uri",
        swap(GOOD, ("not TRACK_URI.fullmatch(uri)", "not TRACK_URI.match(uri)")),
    ),
    "episode_uris_accepted": (
        "track_uri",
        swap(
            GOOD,
            (
                'TRACK_URI = re.compile(r"spotify:track:[0-9A-Za-z]{22}")',
                'TRACK_URI = re.compile(r"spotify:(?:track|episode):[0-9A-Za-z]{22}")',
            ),
        ),
    ),
    # snapshots
    "snapshot_is_the_track_count": (
        "snapshots",
        swap(
            GOOD,
            ("        snapshot = secrets.token_urlsafe(16)\n", '        snapshot = f"v{total}"\n'),
        ),
    ),
    # playlist_shape
    "uuid_hex_playlist_ids": (
        "playlist_shape",
        swap(
            GOOD,
            (
                '        playlist_id = "".join(secrets.choice(ID_ALPHABET) for _ in range(22))\n',
                "        playlist_id = secrets.token_hex(16)\n",
            ),
        ),
    ),
    "name_length_not_checked": (
        "playlist_shape",
        swap(
            GOOD,
            (
                "not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME",
                "not isinstance(name, str)",
            ),
        ),
    ),
    # routes
    "add_answers_200": (
        "routes",
        swap(
            GOOD,
            (
                '    @app.post("/v1/playlists/{playlist_id}/tracks", status_code=201)',
                '    @app.post("/v1/playlists/{playlist_id}/tracks")',
            ),
        ),
    ),
    # page_shape
    "items_are_bare_uris": (
        "page_shape",
        swap(
            GOOD,
            (
                '            "items": [{"track": {"uri": uri}} for (uri,) in uris],',
                '            "items": [uri for (uri,) in uris],',
            ),
        ),
    ),
    # storage
    "one_shared_in_memory_database": (
        "storage",
        swap(
            GOOD,
            (TRANSACTION, SHARED_MEMORY),
            (
                "    with contextlib.closing(connect()) as db:\n",
                "    if True:\n        db = MEMORY\n",
            ),
            (
                "def create_app(db_path: str) -> FastAPI:\n",
                'MEMORY = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)\n\n\ndef create_app(db_path: str) -> FastAPI:\n',
            ),
        ),
    ),
    "tables_dropped_at_start": (
        "storage",
        swap(
            GOOD,
            (
                '            """\n            CREATE TABLE IF NOT EXISTS playlists (',
                '            """\n            DROP TABLE IF EXISTS playlists;\n            DROP TABLE IF EXISTS items;\n            CREATE TABLE IF NOT EXISTS playlists (',
            ),
        ),
    ),
    # scale_pages
    "page_sliced_in_python": (
        "scale_pages",
        swap(
            GOOD,
            (
                PAGE_QUERY,
                "            every = db.execute(\n"
                '                "SELECT uri FROM items WHERE playlist_id = ? ORDER BY position", (playlist_id,)\n'
                "            ).fetchall()\n"
                "            uris = every[offset_value : offset_value + limit_value]\n",
            ),
        ),
    ),
    "add_rewrites_the_playlist": ("scale_pages", swap(GOOD, (APPEND, REWRITE))),
}
