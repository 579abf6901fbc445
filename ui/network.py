"""The server's sockets send at once: Nagle's algorithm off (TCP_NODELAY) on every TCP connection.

Streamlit 1.67 serves through uvicorn on a socket it binds itself, created without a protocol number; the
connections accepted on it report protocol 0, and asyncio turns Nagle's algorithm off only for sockets that
report TCP (uvicorn issue 3149). With it on, the second of the small messages a run sends waits for the
browser's acknowledgement of the first, which Linux delays by 40 ms: every run of every control answered
about 40 ms late (a slider's run measured at the protocol level, 48 ms before and 12 ms after).
"""

from __future__ import annotations

import contextlib
import os
import socket
from asyncio import base_events


def set_nodelay(sock) -> None:
    """Nagle's algorithm off on a TCP socket (asyncio's own rule, without its check of the protocol number)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def no_delay() -> None:
    """From now on every connection asyncio accepts, and every TCP socket open now (the listening one, whose
    setting Linux passes on to what it accepts, and the first browser's), sends without waiting."""
    base_events._set_nodelay = set_nodelay
    with contextlib.suppress(OSError):  # no /proc (not Linux): the new connections are enough
        for name in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError, ValueError):
                if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                    with socket.socket(fileno=os.dup(int(name))) as sock:  # a copy: the option is the socket's
                        set_nodelay(sock)
