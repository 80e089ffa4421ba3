"""Serve an ASGI app on 127.0.0.1 in a background thread, for take-home exercises and their tests."""

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 10.0


def _bound_port(server) -> int | None:
    """The port a started uvicorn server listens on, or None while it is still starting."""
    for listener in getattr(server, "servers", None) or []:
        for sock in listener.sockets:
            return sock.getsockname()[1]
    return None


def _accepts(port: int) -> bool:
    """Whether something accepts TCP connections on 127.0.0.1:port."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """Run `app` with uvicorn on a free port of 127.0.0.1; yield its base URL; stop it on exit."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # older uvicorn: never touch the main thread
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run()
        except BaseException as error:  # reported to the caller below
            failure.append(error)

    thread = threading.Thread(target=run, name="workbook-serving", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    port = None
    while port is None or not _accepts(port):
        if failure or not thread.is_alive():
            raise RuntimeError(f"the server did not start: {failure[0] if failure else 'exited'}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the server did not start within {START_TIMEOUT_SECONDS:g} s")
        time.sleep(0.01)
        port = _bound_port(server) if server.started else None
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT_SECONDS)
