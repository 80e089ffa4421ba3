"""Hidden tests for home/02_playlist_service: `create_app(db_path)` served on 127.0.0.1."""

import contextlib
import json
import os
import re
import sqlite3
import tempfile
import threading

import httpx
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales
from workbook.service import serving

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def track(name) -> str:
    """A valid track URI: a letter repeated 22 times, or an int written in base 62."""
    if isinstance(name, str):
        return "spotify:track:" + name * 22
    digits = ""
    for _ in range(22):
        name, rest = divmod(name, 62)
        digits = BASE62[rest] + digits
    return "spotify:track:" + digits


def short(uri: str) -> str:
    """A URI made by track(letter) shown as the letter; any other URI unchanged."""
    tail = uri.removeprefix("spotify:track:")
    return tail[0] if len(set(tail)) == 1 else uri


@contextlib.contextmanager
def service(path: str | None = None):
    """An httpx client talking to create_app(path) served on 127.0.0.1 (a temporary file)."""
    with contextlib.ExitStack() as stack:
        if path is None:
            path = os.path.join(stack.enter_context(tempfile.TemporaryDirectory()), "p.db")
        url = stack.enter_context(serving(create_app(path)))
        yield stack.enter_context(httpx.Client(base_url=url, timeout=30))


def request(client, method: str, path: str, body=None, params=None, raw=None):
    """(status, parsed JSON or the text) of one request; raw bytes are sent as JSON."""
    headers = {"content-type": "application/json"}
    content = raw if raw is not None else (None if body is None else json.dumps(body))
    response = client.request(method, path, content=content, params=params, headers=headers)
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


def said(method, path, body=None, params=None, raw=None) -> str:
    query = f"?{httpx.QueryParams(params)}" if params else ""
    sent = f" {raw!r}" if raw is not None else (f" {json.dumps(body)}" if body is not None else "")
    return f"{method} {path}{query}{sent}"


def expect(client, status, method, path, body=None, params=None, raw=None, context=""):
    """Send one request; fail unless it answers `status`; return the parsed body."""
    got, answer = request(client, method, path, body, params, raw)
    if got != status:
        raise AssertionError(
            f"{said(method, path, body, params, raw)}{context}\n"
            f"expected: HTTP {status}\nactual:   HTTP {got} {str(answer)[:400]}"
        )
    if status >= 400:
        check_error_body(answer, status, said(method, path, body, params, raw))
    return answer


def check_error_body(answer, status, what):
    error = answer.get("error") if isinstance(answer, dict) else None
    ok = (
        isinstance(error, dict)
        and error.get("status") == status
        and type(error.get("status")) is int
        and isinstance(error.get("message"), str)
        and error.get("message")
    )
    if not ok:
        raise AssertionError(
            f"{what} answered HTTP {status} with body {str(answer)[:300]}\nexpected an error "
            f'object: {{"error": {{"status": {status}, "message": "<non-empty text>"}}}}'
        )


def create(client, name="Road trip", uris=()):
    """A new playlist holding `uris`; its id."""
    playlist = expect(client, 201, "POST", "/v1/playlists", {"name": name})
    for start in range(0, len(uris), 100):
        add = {"uris": list(uris[start : start + 100])}
        expect(client, 201, "POST", f"/v1/playlists/{playlist['id']}/tracks", add)
    return playlist["id"]


def snapshot(client, playlist_id):
    return expect(client, 200, "GET", f"/v1/playlists/{playlist_id}")["snapshot_id"]


def contents(client, playlist_id):
    """Every URI of the playlist in order, read page by page (limit 50)."""
    uris, offset = [], 0
    while True:
        params = {"offset": offset, "limit": 50}
        page = expect(client, 200, "GET", f"/v1/playlists/{playlist_id}/tracks", params=params)
        uris += [item["track"]["uri"] for item in page["items"]]
        offset += 50
        if offset >= page["total"]:
            return uris


def assert_order(client, playlist_id, expected, after):
    actual = contents(client, playlist_id)
    if actual != expected:
        raise AssertionError(
            f"the playlist's tracks after {after}\n"
            f"expected: {' '.join(map(short, expected))}\nactual:   {' '.join(map(short, actual))}"
        )


def reorder_oracle(items, start, before, length):
    """Spotify's documented move: the block goes before the item that was at `before`."""
    keyed = [
        (before - 0.5 + i / 1000 if start <= i < start + length else i, item)
        for i, item in enumerate(items)
    ]
    return [item for _, item in sorted(keyed)]


ABCDE = [track(c) for c in "ABCDE"]


@pins("routes", "reorder", "add_position", "remove", "page_shape", "snapshots")
def test_worked_example_from_the_statement():
    with service() as client:
        playlist = expect(client, 201, "POST", "/v1/playlists", {"name": "Road trip"})
        pid, tracks = playlist["id"], f"/v1/playlists/{playlist['id']}/tracks"
        seen = [playlist["snapshot_id"]]
        seen.append(expect(client, 201, "POST", tracks, {"uris": ABCDE})["snapshot_id"])
        steps = [
            ("PUT", {"range_start": 0, "insert_before": 5}, 200, "BCDEA"),
            ("PUT", {"range_start": 3, "insert_before": 0, "range_length": 2}, 200, "EABCD"),
            ("PUT", {"range_start": 1, "insert_before": 4}, 200, "EBCAD"),
            ("POST", {"uris": [track("F")], "position": 1}, 201, "EFBCAD"),
            ("DELETE", {"tracks": [{"uri": track("C")}]}, 200, "EFBAD"),
        ]
        for method, body, status, order in steps:
            seen.append(expect(client, status, method, tracks, body)["snapshot_id"])
            assert_order(client, pid, [track(c) for c in order], said(method, tracks, body))
        page = expect(client, 200, "GET", tracks, params={"limit": 2, "offset": 4})
        wanted = {
            "items": [{"track": {"uri": track("D")}}],
            "limit": 2,
            "offset": 4,
            "total": 5,
            "next": None,
        }
        assert page == wanted, (
            f"GET {tracks}?limit=2&offset=4\nexpected: {wanted}\nactual:   {page}"
        )
        assert len(set(seen)) == len(seen), f"snapshot_ids repeat: {seen}"


@pins("playlist_shape", "routes")
def test_create_and_get_a_playlist():
    with service() as client:
        made = expect(client, 201, "POST", "/v1/playlists", {"name": "Fika ☕", "description": "x"})
        assert set(made) == {"id", "name", "description", "snapshot_id", "tracks"}, made
        assert re.fullmatch(r"[0-9A-Za-z]{22}", str(made["id"])), f"id {made['id']!r}"
        assert isinstance(made["snapshot_id"], str) and made["snapshot_id"], made
        assert made["name"] == "Fika ☕" and made["description"] == "x", made
        assert made["tracks"] == {"total": 0} and type(made["tracks"]["total"]) is int, made
        got = expect(client, 200, "GET", f"/v1/playlists/{made['id']}")
        assert got == made, f"GET /v1/playlists/{made['id']}\nexpected: {made}\nactual:   {got}"
        other = expect(client, 201, "POST", "/v1/playlists", {"name": "x" * 100})
        assert other["id"] != made["id"] and other["description"] == "", other
        for bad in (
            {},
            {"name": ""},
            {"name": "x" * 101},
            {"name": 7},
            {"name": "a", "description": 3},
        ):
            expect(client, 400, "POST", "/v1/playlists", bad)
        pid = create(client, "Five", ABCDE)
        got = expect(client, 200, "GET", f"/v1/playlists/{pid}")
        assert got["tracks"] == {"total": 5}, f"GET a playlist of 5 tracks: {got}"


@pins("pagination", "page_shape")
def test_pagination_defaults_limits_and_next():
    uris = [track(i) for i in range(45)]
    with service() as client:
        pid = create(client, "Long", uris)
        path = f"/v1/playlists/{pid}/tracks"
        page = expect(client, 200, "GET", path)
        assert (page["limit"], page["offset"], page["total"]) == (20, 0, 45), page
        assert [i["track"]["uri"] for i in page["items"]] == uris[:20], "default page: first 20"
        assert page["next"] == f"{path}?offset=20&limit=20", f"next {page['next']!r}"
        page = expect(client, 200, "GET", path, params={"offset": 40, "limit": 5})
        assert [i["track"]["uri"] for i in page["items"]] == uris[40:], "offset 40 limit 5"
        assert page["next"] is None, f"offset 40 + limit 5 == total 45: next {page['next']!r}"
        page = expect(client, 200, "GET", path, params={"offset": 39, "limit": 5})
        assert page["next"] == f"{path}?offset=44&limit=5", f"next {page['next']!r}"
        page = expect(client, 200, "GET", path, params={"limit": 50})
        assert len(page["items"]) == 45 and page["next"] is None, "limit 50 on 45 tracks"
        page = expect(client, 200, "GET", path, params={"offset": 7, "limit": 1})
        assert [i["track"]["uri"] for i in page["items"]] == [uris[7]], "offset 7 limit 1"
        for offset in (45, 46, 10**20):
            page = expect(client, 200, "GET", path, params={"offset": offset})
            wanted = {"items": [], "limit": 20, "offset": offset, "total": 45, "next": None}
            assert page == wanted, f"offset {offset}: expected {wanted}, got {page}"
        for params in ({"limit": 51}, {"limit": 0}, {"limit": -1}, {"offset": -1}, {"limit": 1000}):
            expect(client, 400, "GET", path, params=params)
        for params in ({"limit": "ten"}, {"limit": "2.0"}, {"offset": "1e3"}, {"offset": ""}):
            expect(client, 400, "GET", path, params=params)


@pins("add_position")
def test_add_positions_front_end_middle_and_beyond():
    with service() as client:
        pid = create(client, "Adds", [track("A"), track("B")])
        path = f"/v1/playlists/{pid}/tracks"
        steps = [
            ({"uris": [track("C")], "position": 0}, 201, "CAB"),
            ({"uris": [track("D"), track("E")], "position": 3}, 201, "CABDE"),
            ({"uris": [track("F")], "position": None}, 201, "CABDEF"),
            ({"uris": [track("G"), track("A")], "position": 2}, 201, "CAGABDEF"),
            ({"uris": [track("H")]}, 201, "CAGABDEFH"),
            ({"uris": [track("X")], "position": 10}, 400, "CAGABDEFH"),
            ({"uris": [track("X")], "position": -1}, 400, "CAGABDEFH"),
            ({"uris": [track("X")], "position": 10**30}, 400, "CAGABDEFH"),
        ]
        for body, status, order in steps:
            expect(client, status, "POST", path, body)
            assert_order(client, pid, [track(c) for c in order], said("POST", path, body))
        empty = create(client, "Empty")
        expect(
            client,
            400,
            "POST",
            f"/v1/playlists/{empty}/tracks",
            {"uris": [track("A")], "position": 1},
        )
        expect(
            client,
            201,
            "POST",
            f"/v1/playlists/{empty}/tracks",
            {"uris": [track("A")], "position": 0},
        )
        assert_order(client, empty, [track("A")], "position 0 on an empty playlist")


@pins("reorder")
def test_reorder_matches_spotifys_documented_examples():
    ten = [track(c) for c in "ABCDEFGHIJ"]
    cases = [
        ({"range_start": 0, "insert_before": 10}, "BCDEFGHIJA"),  # first item to the end
        ({"range_start": 9, "insert_before": 0}, "JABCDEFGHI"),  # last item to the front
        ({"range_start": 8, "insert_before": 0, "range_length": 2}, "IJABCDEFGH"),
        ({"range_start": 1, "insert_before": 5}, "ACDEBFGHIJ"),  # moving down: before F
        ({"range_start": 1, "insert_before": 5, "range_length": 3}, "AEBCDFGHIJ"),
        ({"range_start": 6, "insert_before": 2, "range_length": 3}, "ABGHICDEFJ"),
        ({"range_start": 4, "insert_before": 4}, "ABCDEFGHIJ"),  # no move
        ({"range_start": 4, "insert_before": 6, "range_length": 2}, "ABCDEFGHIJ"),  # no move
        ({"range_start": 0, "insert_before": 10, "range_length": 10}, "ABCDEFGHIJ"),
        ({"range_start": 2, "insert_before": 9, "range_length": None}, "ABDEFGHICJ"),
    ]
    with service() as client:
        for body, order in cases:
            pid = create(client, "Ten", ten)
            before = snapshot(client, pid)
            after = expect(client, 200, "PUT", f"/v1/playlists/{pid}/tracks", body)
            assert after["snapshot_id"] != before, f"{body} on A..J kept the snapshot_id"
            assert_order(client, pid, [track(c) for c in order], f"PUT {body} on ABCDEFGHIJ")


@pins("reorder")
def test_reorder_rejects_ranges_outside_the_playlist():
    bad = [
        {"range_start": 5, "insert_before": 0},
        {"range_start": -1, "insert_before": 0},
        {"range_start": 3, "insert_before": 0, "range_length": 3},
        {"range_start": 0, "insert_before": 6},
        {"range_start": 0, "insert_before": -1},
        {"range_start": 0, "insert_before": 3, "range_length": 0},
        {"range_start": 0, "insert_before": 3, "range_length": -2},
        {"range_start": 1, "insert_before": 2, "range_length": 2},  # inside the block
        {"range_start": 0, "insert_before": 10**30},
    ]
    with service() as client:
        pid = create(client, "Five", ABCDE)
        path = f"/v1/playlists/{pid}/tracks"
        before = snapshot(client, pid)
        for body in bad:
            expect(client, 400, "PUT", path, body, context=" on a playlist of 5 tracks A..E")
        assert snapshot(client, pid) == before, "a rejected reorder changed the snapshot_id"
        assert_order(client, pid, ABCDE, "only rejected reorders")
        empty = create(client, "Empty")
        expect(
            client,
            400,
            "PUT",
            f"/v1/playlists/{empty}/tracks",
            {"range_start": 0, "insert_before": 0},
        )


@pins("remove")
def test_remove_takes_every_occurrence_and_409_when_missing():
    with service() as client:
        order = "ABACBDA"
        pid = create(client, "Dupes", [track(c) for c in order])
        path = f"/v1/playlists/{pid}/tracks"
        expect(client, 200, "DELETE", path, {"tracks": [{"uri": track("A")}]})
        assert_order(client, pid, [track(c) for c in "BCBD"], "removing A from ABACBDA")
        before = snapshot(client, pid)
        body = {"tracks": [{"uri": track("B")}, {"uri": track("Z")}]}
        expect(client, 409, "DELETE", path, body, context=" on BCBD")
        assert_order(client, pid, [track(c) for c in "BCBD"], "a 409 remove")
        assert snapshot(client, pid) == before, "a 409 remove changed the snapshot_id"
        body = {"tracks": [{"uri": track("D")}, {"uri": track("B")}, {"uri": track("D")}]}
        expect(client, 200, "DELETE", path, body)
        assert_order(client, pid, [track("C")], "removing D, B, D from BCBD")
        total = expect(client, 200, "GET", f"/v1/playlists/{pid}")["tracks"]["total"]
        assert total == 1, f"total after removals: {total}, expected 1"
        expect(client, 400, "DELETE", path, {"tracks": []})
        expect(client, 400, "DELETE", path, {"tracks": [track("C")]})
        expect(client, 400, "DELETE", path, {"uris": [track("C")]})


@pins("track_uri")
def test_track_uris_must_be_spotify_track_uris():
    bad = [
        "spotify:episode:" + "A" * 22,
        "spotify:track:" + "A" * 21,
        "spotify:track:" + "A" * 23,
        "spotify:track:" + "A" * 21 + "-",
        "https://open.spotify.com/track/" + "A" * 22,
        "spotify:track:" + "A" * 22 + "\n",
        "Spotify:track:" + "A" * 22,
        "",
        7,
        None,
    ]
    with service() as client:
        pid = create(client, "Uris", [track("A")])
        path = f"/v1/playlists/{pid}/tracks"
        for uri in bad:
            expect(client, 400, "POST", path, {"uris": [track("B"), uri]})
            expect(client, 400, "DELETE", path, {"tracks": [{"uri": uri}]})
        expect(client, 400, "POST", path, {"uris": [track("B")] * 101})
        expect(client, 400, "POST", path, {"uris": []})
        expect(client, 400, "POST", path, {"uris": track("B")})
        assert_order(client, pid, [track("A")], "only rejected adds")
        expect(client, 201, "POST", path, {"uris": [track(i) for i in range(100)]})
        good = "spotify:track:0aZ9bY8cX7dW6eV5fU4gT3"
        expect(client, 201, "POST", path, {"uris": [good]})


@pins("optimistic", "snapshots")
def test_a_stale_snapshot_is_412_naming_the_current_one():
    with service() as client:
        pid = create(client, "Shared", ABCDE)
        path = f"/v1/playlists/{pid}/tracks"
        old = snapshot(client, pid)
        new = expect(
            client, 200, "PUT", path, {"range_start": 0, "insert_before": 2, "snapshot_id": old}
        )
        attempts = [
            ("PUT", {"range_start": 0, "insert_before": 5, "snapshot_id": old}),
            ("POST", {"uris": [track("F")], "snapshot_id": old}),
            ("DELETE", {"tracks": [{"uri": track("A")}], "snapshot_id": old}),
            ("POST", {"uris": [track("F")], "snapshot_id": "never-issued"}),
            ("POST", {"uris": [track("F")], "snapshot_id": ""}),
        ]
        for method, body in attempts:
            answer = expect(client, 412, method, path, body)
            current = answer.get("snapshot_id")
            assert current == new["snapshot_id"], (
                f"{said(method, path, body)} answered 412 with snapshot_id {current!r}; "
                f"expected the current one, {new['snapshot_id']!r}"
            )
        assert_order(client, pid, [track(c) for c in "BACDE"], "rejected stale modifications")
        assert snapshot(client, pid) == new["snapshot_id"], "a 412 changed the snapshot_id"
        body = {"uris": [track("F")], "snapshot_id": new["snapshot_id"]}
        latest = expect(client, 201, "POST", path, body)["snapshot_id"]
        expect(client, 201, "POST", path, {"uris": [track("G")], "snapshot_id": None})
        assert snapshot(client, pid) not in {old, new["snapshot_id"], latest}


@pins("errors", "no_500")
def test_malformed_requests_are_400_with_the_error_object():
    with service() as client:
        pid = create(client, "Target", ABCDE)
        path = f"/v1/playlists/{pid}/tracks"
        raws = [b"{", b"", b"null", b"[1, 2]", b'"uris"', b"\xff\xfe{}", b'{"uris": [}']
        for method in ("POST", "PUT", "DELETE"):
            for raw in raws:
                expect(client, 400, method, path, raw=raw)
        for raw in raws[:4]:
            expect(client, 400, "POST", "/v1/playlists", raw=raw)
        wrong_types = [
            ("POST", {"uris": [track("F")], "position": 1.0}),
            ("POST", {"uris": [track("F")], "position": "1"}),
            ("POST", {"uris": [track("F")], "position": True}),
            ("POST", {"uris": [track("F")], "snapshot_id": 5}),
            ("PUT", {"range_start": "0", "insert_before": 2}),
            ("PUT", {"range_start": 0.0, "insert_before": 2}),
            ("PUT", {"range_start": 0, "insert_before": True}),
            ("PUT", {"range_start": 0, "insert_before": 2, "range_length": 1.5}),
            ("PUT", {"insert_before": 2}),
            ("PUT", {"range_start": 0}),
            ("POST", {"position": 0}),
            ("DELETE", {"tracks": [{"uri": track("A")}], "snapshot_id": ["x"]}),
        ]
        for method, body in wrong_types:
            expect(client, 400, method, path, body)
        assert_order(client, pid, ABCDE, "only malformed requests")
        raw = b'{"uris": ["spotify:track:AAAAAAAAAAAAAAAAAAAAAA"], "position": NaN}'
        expect(client, 400, "POST", path, raw=raw)


@pins("errors")
def test_unknown_playlists_are_404():
    with service() as client:
        real = create(client, "Real", ABCDE)
        for pid in ("0" * 22, real.swapcase() if real.swapcase() != real else "1" * 22, "nope"):
            expect(client, 404, "GET", f"/v1/playlists/{pid}")
            expect(client, 404, "GET", f"/v1/playlists/{pid}/tracks")
            expect(client, 404, "POST", f"/v1/playlists/{pid}/tracks", {"uris": [track("A")]})
            expect(
                client,
                404,
                "PUT",
                f"/v1/playlists/{pid}/tracks",
                {"range_start": 0, "insert_before": 0},
            )
            expect(
                client,
                404,
                "DELETE",
                f"/v1/playlists/{pid}/tracks",
                {"tracks": [{"uri": track("A")}]},
            )


@pins("error_order")
def test_problems_are_reported_in_the_documented_order():
    with service() as client:
        pid = create(client, "Order", ABCDE)
        path, missing = f"/v1/playlists/{pid}/tracks", f"/v1/playlists/{'0' * 22}/tracks"
        stale = snapshot(client, pid)
        expect(client, 201, "POST", path, {"uris": [track("F")]})
        cases = [
            (400, "POST", missing, {"uris": ["bad"]}),  # malformed beats unknown
            (400, "GET", missing, {"limit": 0}),  # a bad query beats unknown
            (404, "POST", missing, {"uris": [track("A")], "snapshot_id": stale, "position": 99}),
            (412, "POST", path, {"uris": [track("A")], "snapshot_id": stale, "position": 99}),
            (412, "PUT", path, {"range_start": 9, "insert_before": 0, "snapshot_id": stale}),
            (412, "DELETE", path, {"tracks": [{"uri": track("Z")}], "snapshot_id": stale}),
            (400, "POST", path, {"uris": [track("A")], "position": 99}),
            (409, "DELETE", path, {"tracks": [{"uri": track("Z")}]}),
        ]
        for status, method, where, body in cases:
            if method == "GET":
                expect(client, status, method, where, params=body)
            else:
                expect(client, status, method, where, body)


NAMES = "ABCD"
OPS = st.one_of(
    st.tuples(
        st.just("add"), st.lists(st.sampled_from(NAMES), min_size=1, max_size=3), st.integers(-1, 7)
    ),
    st.tuples(
        st.just("append"), st.lists(st.sampled_from(NAMES), min_size=1, max_size=2), st.just(0)
    ),
    st.tuples(
        st.just("remove"), st.lists(st.sampled_from(NAMES), min_size=1, max_size=2), st.just(0)
    ),
    st.tuples(
        st.just("move"), st.tuples(st.integers(-1, 6), st.integers(0, 3)), st.integers(-1, 8)
    ),
    st.tuples(st.just("move"), st.tuples(st.integers(0, 3), st.integers(1, 2)), st.integers(0, 6)),
)


def oracle_step(items, op):
    """Expected (status, items after) of one operation, from list arithmetic."""
    kind, args, number = op
    if kind == "append":
        return 201, items + list(args)
    if kind == "add":
        if not 0 <= number <= len(items):
            return 400, items
        return 201, items[:number] + list(args) + items[number:]
    if kind == "remove":
        if not set(args) <= set(items):
            return 409, items
        return 200, [item for item in items if item not in set(args)]
    (start, length), before = args, number
    valid = start >= 0 and length >= 1 and start + length <= len(items)
    valid = valid and 0 <= before <= len(items) and not start < before < start + length
    return (200, reorder_oracle(items, start, before, length)) if valid else (400, items)


def op_request(op):
    kind, args, number = op
    if kind == "append":
        return "POST", {"uris": [track(c) for c in args]}
    if kind == "add":
        return "POST", {"uris": [track(c) for c in args], "position": number}
    if kind == "remove":
        return "DELETE", {"tracks": [{"uri": track(c)} for c in args]}
    (start, length), before = args, number
    return "PUT", {"range_start": start, "insert_before": before, "range_length": length}


@pins("reorder", "add_position", "remove", "snapshots")
def test_random_edits_match_a_list_model():
    with service() as client:

        @derandomized(max_examples=20, shrink=False)
        @given(
            start=st.lists(st.sampled_from(NAMES), min_size=2, max_size=7),
            ops=st.lists(OPS, min_size=3, max_size=6),
        )
        def edits(start, ops):
            pid = create(client, "Model", [track(c) for c in start])
            items, done = list(start), [f"start {''.join(start) or '(empty)'}"]
            snapshots = {snapshot(client, pid)}
            for op in ops:
                method, body = op_request(op)
                status, items = oracle_step(items, op)
                context = "\nafter " + "; ".join(done)
                answer = expect(
                    client, status, method, f"/v1/playlists/{pid}/tracks", body, context=context
                )
                done.append(said(method, "tracks", body))
                if status < 400:
                    assert answer["snapshot_id"] not in snapshots, f"a repeated snapshot_id: {done}"
                    snapshots.add(answer["snapshot_id"])
                assert_order(client, pid, [track(c) for c in items], "; ".join(done))

        edits()


FUZZ_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from([track("A"), "spotify:track:", "", "0", "-1", "9" * 30]),
    st.lists(
        st.one_of(st.text(max_size=5), st.integers(), st.sampled_from([track("A")])), max_size=3
    ),
    st.dictionaries(st.sampled_from(["uri", "x"]), st.sampled_from([track("A"), 1]), max_size=2),
)
FUZZ_QUERY = st.dictionaries(
    st.sampled_from(["limit", "offset"]),
    st.one_of(st.text(max_size=8), st.integers(-5, 2**70).map(str)),
    max_size=2,
)
FUZZ_BODY = st.one_of(
    st.dictionaries(
        st.sampled_from(
            [
                "uris",
                "position",
                "snapshot_id",
                "range_start",
                "insert_before",
                "range_length",
                "tracks",
                "name",
                "description",
            ]
        ),
        FUZZ_VALUES,
        max_size=4,
    ),
    FUZZ_VALUES,
)


@pins("no_500")
def test_fuzzed_requests_never_answer_500():
    with service() as client:
        pid = create(client, "Fuzz", ABCDE)

        @derandomized(max_examples=40, shrink=False)
        @given(
            method=st.sampled_from(["POST", "PUT", "DELETE", "GET", "CREATE"]),
            body=FUZZ_BODY,
            query=FUZZ_QUERY,
        )
        def fuzz(method, body, query):
            path = "/v1/playlists" if method == "CREATE" else f"/v1/playlists/{pid}/tracks"
            method = "POST" if method == "CREATE" else method
            params = query if method == "GET" else None
            raw = json.dumps(body).encode()
            status, answer = request(client, method, path, raw=raw, params=params)
            what = said(method, path, params=params, raw=raw)
            if not (200 <= status < 300 or status in (400, 404, 409, 412)):
                raise AssertionError(f"{what}\nanswered HTTP {status} {str(answer)[:300]}")
            if status >= 400:
                check_error_body(answer, status, what)

        fuzz()


@pins("storage")
def test_state_survives_a_new_app_on_the_same_file():
    with tempfile.TemporaryDirectory() as folder:
        path, other = os.path.join(folder, "a.db"), os.path.join(folder, "b.db")
        with service(path) as client:
            pid = create(client, "Kept", ABCDE)
            expect(
                client,
                200,
                "PUT",
                f"/v1/playlists/{pid}/tracks",
                {"range_start": 4, "insert_before": 0},
            )
            before = expect(client, 200, "GET", f"/v1/playlists/{pid}")
        assert os.path.getsize(path) > 0, f"nothing was written to {path}"
        with sqlite3.connect(path) as db:
            tables = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()
        assert tables[0] > 0, f"{path} holds no table: the state must live in the SQLite file"
        with service(path) as client:
            after = expect(client, 200, "GET", f"/v1/playlists/{pid}")
            assert after == before, (
                f"a new app on the same file\nexpected: {before}\nactual:   {after}"
            )
            assert_order(client, pid, [track(c) for c in "EABCD"], "restarting on the same file")
        with service(other) as client:
            expect(
                client, 404, "GET", f"/v1/playlists/{pid}", context=" on an app with another file"
            )
        with service(path) as client:
            expect(
                client,
                201,
                "POST",
                f"/v1/playlists/{pid}/tracks",
                {"uris": [track("F")], "snapshot_id": before["snapshot_id"]},
            )


@pins("atomic")
def test_concurrent_adds_lose_nothing():
    with service() as client:
        pid = create(client, "Party")
        path = f"/v1/playlists/{pid}/tracks"
        barrier, failures = threading.Barrier(8), []

        def add_25(worker):
            with httpx.Client(base_url=str(client.base_url), timeout=30) as own:
                barrier.wait()
                for k in range(25):
                    status, answer = request(own, "POST", path, {"uris": [track(worker * 100 + k)]})
                    if status != 201:
                        failures.append(f"HTTP {status} {str(answer)[:200]}")

        threads = [threading.Thread(target=add_25, args=(w,)) for w in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, f"8 clients adding 25 tracks each at once got: {failures[:3]}"
        found = contents(client, pid)
        wanted = sorted(track(w * 100 + k) for w in range(8) for k in range(25))
        assert sorted(found) == wanted, (
            f"after 8 clients added 25 distinct tracks each at once, the playlist holds "
            f"{len(found)} items, {len(set(found))} distinct (expected the 200, each once)"
        )
        total = expect(client, 200, "GET", f"/v1/playlists/{pid}")["tracks"]["total"]
        assert total == 200, f"tracks.total after 200 concurrent adds: {total}"
        for worker in range(8):  # each client's tracks keep their order
            mine = [u for u in found if u in {track(worker * 100 + k) for k in range(25)}]
            assert mine == [track(worker * 100 + k) for k in range(25)], f"client {worker}'s order"


@pins("atomic", "optimistic")
def test_racing_the_same_snapshot_exactly_one_wins():
    with service() as client, contextlib.ExitStack() as stack:
        pid = create(client, "Race", ABCDE)
        path = f"/v1/playlists/{pid}/tracks"
        url = str(client.base_url)
        clients = [stack.enter_context(httpx.Client(base_url=url, timeout=30)) for _ in range(8)]
        for round_ in range(6):
            current, won = snapshot(client, pid), 201 if round_ % 2 == 0 else 200
            if won == 201:
                bodies = [("POST", {"uris": [track(1000 + round_ * 8 + w)]}) for w in range(8)]
            else:
                bodies = [("PUT", {"range_start": w % 5, "insert_before": 5}) for w in range(8)]
            barrier, answers = threading.Barrier(8), [None] * 8

            def race(w, current=current, bodies=bodies, barrier=barrier, answers=answers):
                method, body = bodies[w]
                barrier.wait()
                answers[w] = request(clients[w], method, path, {**body, "snapshot_id": current})

            threads = [threading.Thread(target=race, args=(w,)) for w in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses = sorted(status for status, _ in answers)
            assert statuses == sorted([won] + [412] * 7), (
                f"8 clients sent {bodies[0][0]} {path} with the same current snapshot_id at "
                f"once; expected one HTTP {won} and seven 412, got {statuses}"
            )
            winner = next(answer for status, answer in answers if status == won)["snapshot_id"]
            named = {answer.get("snapshot_id") for status, answer in answers if status == 412}
            assert named == {winner}, f"the 412s named {named}; the winner got {winner!r}"
            assert snapshot(client, pid) == winner, "the playlist's snapshot_id is not the winner's"
        found = len(contents(client, pid))
        assert found == 8, f"{found} tracks: expected 5 plus one winner in each of 3 add rounds"


def _fill(client, pid, start, stop):
    """Append track(start) .. track(stop - 1) in adds of 100."""
    for first in range(start, stop, 100):
        body = {"uris": [track(i) for i in range(first, min(first + 100, stop))]}
        expect(client, 201, "POST", f"/v1/playlists/{pid}/tracks", body)


def _pages(client, pid, size):
    for _ in range(30):
        client.get(f"/v1/playlists/{pid}/tracks", params={"offset": size - 100, "limit": 50})


def _appends(client, pid):
    for k in range(30):
        client.post(f"/v1/playlists/{pid}/tracks", json={"uris": [track(10**6 + k)]})


@pins("scale_pages")
def test_scale_pages_and_appends_on_a_20000_track_playlist():
    with service() as client:
        small, big = create(client, "Small"), create(client, "Big")
        _fill(client, small, 0, 100)
        _fill(client, big, 0, 5_000)
        assert_scales(
            lambda: _appends(client, big),
            lambda: _appends(client, small),
            factor=3,
            what="30 one-track appends to a 5,000-track playlist (against the same appends to "
            "a 100-track playlist)",
            advice="Append by inserting one row at position total; never delete and rewrite "
            "the playlist's rows.",
        )
        _fill(client, big, 5_000, 20_000)
        path, params = f"/v1/playlists/{big}/tracks", {"offset": 19_980, "limit": 50}
        page = expect(client, 200, "GET", path, params=params)
        wanted = [track(i) for i in range(19_950, 20_000)]  # 30 appends sit after track 4,999
        got = [i["track"]["uri"] for i in page["items"]]
        assert got == wanted, "the last 50 tracks of 20,030 (offset 19,980) are not the right ones"
        assert_scales(
            lambda: _pages(client, big, 20_030),
            lambda: _pages(client, small, 130),
            factor=3,
            what="30 pages at offset 19,930 of a 20,030-track playlist (against the same "
            "requests at offset 30 of a 130-track playlist)",
            advice="Read only the page's rows: ORDER BY position with LIMIT, on an index that "
            "starts at the offset; never load the whole playlist to slice it.",
        )
