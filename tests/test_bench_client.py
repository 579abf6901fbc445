"""The benchmark's protocol-level client against a real server: a slider moves a chart, sessions stay apart."""

import asyncio
import json
import threading

import pytest

from bench.streamlit_client import StreamlitClient
from tests.e2e.browser import Server


@pytest.fixture(scope="module")
def server():
    srv = Server()
    yield srv
    srv.stop()


def chart_data(client: StreamlitClient, key: str) -> list:
    spec = client.chart(key)
    assert spec, f"no chart {key}"
    return json.loads(spec)["data"]


def run_in_own_loop(go) -> None:
    """asyncio.run in a thread of its own: the browser tests' sync Playwright keeps a loop in this one."""
    errors = []

    def target():
        try:
            asyncio.run(go())
        except BaseException as err:  # handed back to the test's thread
            errors.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def test_a_slider_changes_the_chart_it_drives(server):
    async def go():
        async with StreamlitClient(server.url, timeout=60) as c:
            opened = await c.open("nade", "seed=7")
            assert not opened.exceptions and c.page_script_hash  # the real hash, from the navigation message
            step = c.widget("step")
            assert step.kind == "slider" and step.fragment_id and step.value == 300
            before = chart_data(c, "generation")
            run = await c.set(step, 301)
            assert not run.exceptions and run.latency > 0
            assert run.changed_chart and "bidi_component" in run.changed  # ui.views.chart
            assert chart_data(c, "generation") != before
            assert c.param("step") == "301" and c.param("seed") == "7"  # the address the app wrote
            assert c.widget("step").value == 301
            # Back to a value this client has seen: the server may answer with references to cached figures,
            # and the client must still draw exactly the figure it drew for that value before.
            again = await c.set(c.widget("step"), 300)
            assert not again.exceptions and again.refs >= 1 and chart_data(c, "generation") == before

    run_in_own_loop(go)


def test_two_clients_with_different_addresses_never_see_each_others_values(server):
    async def go():
        a, b = StreamlitClient(server.url, timeout=60), StreamlitClient(server.url, timeout=60)
        await asyncio.gather(a.connect(), b.connect())
        try:
            await asyncio.gather(a.open("nade", "step=100"), b.open("nade", "step=200&lang=ko"))
            assert a.widget("step").value == 100 and b.widget("step").value == 200
            for va, vb in ((111, 222), (123, 234), (100, 200)):  # both press at the same moment
                ra, rb = await asyncio.gather(a.set(a.widget("step"), va), b.set(b.widget("step"), vb))
                assert not ra.exceptions and not rb.exceptions
                assert (a.param("step"), a.widget("step").value) == (str(va), va)
                assert (b.param("step"), b.widget("step").value) == (str(vb), vb)
                assert a.param("lang") is None and b.param("lang") == "ko"
            assert set(a.queries).isdisjoint(b.queries)
            assert chart_data(a, "generation") != chart_data(b, "generation")
            for client in (a, b):  # what each sees is exactly what its own address shows
                async with StreamlitClient(server.url, timeout=60) as fresh:
                    await fresh.open("nade", client.query_string)
                    assert fresh.content() == client.content()
        finally:
            await asyncio.gather(a.close(), b.close())

    run_in_own_loop(go)


def test_replicas_are_measured_as_one_server_cpu_summed_memory_of_the_largest():
    import os
    import subprocess
    import sys
    import time

    from bench.classroom import Proc, Procs

    child = subprocess.Popen([sys.executable, "-c", "x = bytearray(200_000_000); import time; time.sleep(30)"])
    try:
        deadline = time.time() + 20
        while Proc(child.pid).rss() < 150 and time.time() < deadline:
            time.sleep(0.05)
        group, me, big = Procs([os.getpid(), child.pid]), Proc(os.getpid()), Proc(child.pid)
        assert group.rss() == pytest.approx(max(me.rss(), big.rss()), rel=0.05) and group.rss() >= 150
        assert group.hwm() >= big.hwm() - 1 and group.hwm() >= me.hwm() - 1
        cpu = group.cpu()
        assert cpu == pytest.approx(me.cpu() + big.cpu(), abs=0.5)
    finally:
        child.kill()
