"""ui/network.py: Nagle's algorithm off on a server that binds its socket as Streamlit's does."""

import asyncio
import concurrent.futures
import socket
from asyncio import base_events

from ui import network


def nodelay(sock) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_no_delay_turns_nagle_off_for_the_open_connections_and_the_new_ones(monkeypatch):
    monkeypatch.setattr(base_events, "_set_nodelay", base_events._set_nodelay)  # put back after the test

    async def main():
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # no protocol number, as uvicorn binds it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        accepted = []
        server = await asyncio.start_server(lambda r, w: accepted.append(w), sock=listener)
        port = listener.getsockname()[1]

        async def connect():
            n = len(accepted)
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            while len(accepted) == n:
                await asyncio.sleep(0.01)
            return writer, accepted[-1].get_extra_info("socket")

        first_client, first = await connect()
        assert first.proto == 0 and nodelay(first) == 0  # asyncio leaves Nagle on: what the module is for
        network.no_delay()
        assert nodelay(first) != 0  # the connection open before
        second_client, second = await connect()
        assert nodelay(second) != 0  # and the ones accepted after
        for w in (first_client, second_client, *accepted):
            w.close()
        server.close()
        await server.wait_closed()

    # in a thread of its own: the browser tests' Playwright may hold an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()
