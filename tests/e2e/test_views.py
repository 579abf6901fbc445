"""Views the browser switches by itself (ui/views.py), in a real browser: a layer or a head changes the maps
with no script run, the address follows, and the server picks the choice up at its next run."""

from playwright.sync_api import Page, expect

from tests.e2e.browser import (
    COUNT_RUNS,
    chart_data,
    expect_changed,
    expect_in_url,
    expect_shown,
    open_app,
    press_slider,
    run_answered,
    slider_moves_chart,
    type_text,
    wait_idle,
)
from ui.i18n import catalog
from ui.lessons import multi_head as mh_lesson

EN, KO = catalog("en"), catalog("ko")


def test_translator_layer_and_head_switch_without_a_run_and_the_server_follows(server, page):
    open_app(page, f"{server.url}/translator")
    expect_shown(page, "cross", "2|mean")
    page.evaluate(COUNT_RUNS)
    before = chart_data(page, "cross")
    page.locator(".st-key-head").get_by_text(EN["translator.head_n"].format(n=3)).click()
    expect_changed(page, lambda: chart_data(page, "cross"), before)
    press_slider(page, "layer", "Home")
    expect_shown(page, "self_maps", "1|3")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser switched by itself
    assert "layer=1" in page.url and "head=3" in page.url
    expect_shown(page, "cross", "1|3")
    expect_shown(page, "where", "1|3")
    layer1_head3 = chart_data(page, "cross")

    # a run for another reason (a guide's step of the decoding) reads the new choice: the view and the address stay
    with run_answered(page):
        page.locator(".st-key-try_decode_2 button").click()
    expect_in_url(page, "step=6")
    expect_shown(page, "cross", "1|3")
    assert chart_data(page, "cross") == layer1_head3
    assert "layer=1" in page.url and "head=3" in page.url

    # the address opens on the same view
    open_app(page, page.url)
    expect_shown(page, "cross", "1|3")
    assert chart_data(page, "cross") == layer1_head3

    # another date: new maps, the same layer and head
    type_text(page, "text", "2024-03-15")
    expect(page.get_by_role("heading", name="→ 2024-03-15")).to_be_visible()
    expect_changed(page, lambda: chart_data(page, "cross"), layer1_head3)
    expect_shown(page, "cross", "1|3")
    assert "head=3" in page.url


def test_multi_head_sentence_follows_the_block_and_layer_in_korean(server, page):
    open_app(page, f"{server.url}/multi_head?lang=ko")
    page.evaluate(COUNT_RUNS)
    page.locator(".st-key-block").get_by_text(KO["multi_head.block_cross"]).click()
    press_slider(page, "layer", "End")
    facts = mh_lesson.mix_facts("cross", 2)
    want = "→ " + KO["multi_head.mix.notice"].format(d_k=16, **facts)
    expect(page.locator(".st-key-mix_notice .views-part:visible")).to_have_text(want)
    expect_shown(page, "heads", "cross|2")
    assert page.evaluate("window.__runs") == 0
    assert "block=cross" in page.url and "layer=2" in page.url


def test_gates_internal_switches_every_view_of_it_without_a_run(server, page):
    open_app(page, f"{server.url}/gates?unit=3")
    expect_shown(page, "heatmap", "c")
    page.evaluate(COUNT_RUNS)
    heatmap, trace = chart_data(page, "heatmap"), chart_data(page, "unit_trace")
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"]).click()
    for key in ("heatmap", "caption", "where"):
        expect_shown(page, key, "f")
    for key in ("unit_title", "painted", "unit_trace"):  # a unit's views, held for the units beside it too
        expect_shown(page, key, "f|3")
    expect(page.locator(".st-key-caption .views-caption:visible")).to_have_text(EN["gates.caption_f"])
    title = EN["gates.unit_title"].format(unit=3, internal=EN["gates.internal_f"])
    expect(page.locator(".st-key-unit_title h3:visible")).to_have_text(title)
    expect_changed(page, lambda: chart_data(page, "heatmap"), heatmap)
    expect_changed(page, lambda: chart_data(page, "unit_trace"), trace)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser switched by itself
    assert "internal=f" in page.url and "unit=3" in page.url

    # a new unit (a run of its section) keeps the gate; so does a reload of the address
    gate_trace = chart_data(page, "unit_trace")
    with run_answered(page):  # the browser shows the next unit before the run: the run must keep the gate
        slider_moves_chart(page, "unit", "unit_trace")
    expect_shown(page, "unit_trace", "f|4")
    assert chart_data(page, "unit_trace") != gate_trace and "unit=4" in page.url
    open_app(page, page.url)
    expect_shown(page, "heatmap", "f")
    expect_shown(page, "painted", "f|4")

    # the GRU has no forget gate: its section opens on its hidden state at its own unit, and its own gates switch,
    # all without a run; the LSTM's section keeps its gate and unit
    page.evaluate(COUNT_RUNS)
    page.locator(".st-key-model").get_by_text(EN["seq.model_gru"]).click()
    expect(page.locator(".st-key-gru_heatmap .js-plotly-plot:visible")).to_have_count(1)
    expect_shown(page, "gru_heatmap", "h")
    page.locator(".st-key-gru_internal").get_by_text(EN["gates.internal_z"]).click()
    expect_shown(page, "gru_heatmap", "z")
    expect_shown(page, "gru_unit_trace", "z|0")
    expect_in_url(page, "gru_internal=z")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0
    assert "model=gru" in page.url and "internal=f" in page.url and "unit=4" in page.url
    open_app(page, page.url)  # the address opens on the GRU's section, as left
    expect(page.locator(".st-key-gru_heatmap .js-plotly-plot:visible")).to_have_count(1)
    expect_shown(page, "gru_heatmap", "z")
    expect(page.locator(".st-key-heatmap .js-plotly-plot:visible")).to_have_count(0)


HIDDEN_PARTS = """(key) => [...document.querySelectorAll(`.st-key-${key} .views-part`)].map((p) => ({
  hidden: p.hidden,
  height: p.getBoundingClientRect().height,
  chartRendered: [...p.querySelectorAll('.js-plotly-plot')].some((c) => c.checkVisibility()),
  text: p.textContent,
}))"""


def test_a_view_not_shown_takes_no_room_and_is_neither_rendered_nor_read(server, page):
    """A view the browser holds but does not show (a chart drawn ahead, a caption for another choice) is out of
    sight: no height, its chart not rendered, and its words not in the accessibility tree a screen reader reads."""
    open_app(page, f"{server.url}/gates")
    expect_shown(page, "heatmap", "c")
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"]).click()
    expect_shown(page, "heatmap", "f")
    expect_shown(page, "caption", "f")
    heat = page.evaluate(HIDDEN_PARTS, "heatmap_views")
    shown = [p for p in heat if not p["hidden"]]
    held = [p for p in heat if p["hidden"]]
    assert len(shown) == 1 and shown[0]["height"] > 100 and shown[0]["chartRendered"]
    assert held, "the cell state's heat map, shown first, is still held"
    assert all(p["height"] == 0 and not p["chartRendered"] for p in held)

    captions = page.evaluate(HIDDEN_PARTS, "caption_views")
    assert [p["text"] for p in captions if not p["hidden"]] == [EN["gates.caption_f"]]
    assert EN["gates.caption_c"] in [p["text"] for p in captions if p["hidden"]]  # held: the DOM has it
    cdp = page.context.new_cdp_session(page)
    read = [
        n.get("name", {}).get("value", "")
        for n in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if not n.get("ignored")
    ]
    assert EN["gates.caption_f"] in read
    assert EN["gates.caption_c"] not in read
    # the other model's section, drawn for a click on it, takes no room and is not read either
    room = "el => [el.parentElement.getBoundingClientRect().height, el.checkVisibility({visibilityProperty: true})]"
    assert page.locator(".st-key-gates_gru_heat").evaluate(room) == [0, False]  # (its box, Streamlit's wrapper)
    assert EN["gates.internal_r"] not in read and EN["gates.internal_f"] in read  # the GRU's reset gate, the LSTM's f


def test_a_moved_marker_keeps_the_points_drawn_and_either_map_switches_in_the_browser_with_it(server, page):
    """The cross at z is drawn over the map by the browser, where the sliders say, at the point the chart's axes
    put z: the points are not drawn again. The map with all 1,000 points, drawn ahead off the page, is kept
    through the run a move starts and shown by the points control without a run, its cross moved too. A z
    beyond the points widens the axes to hold the cross, and back."""
    open_app(page, f"{server.url}/vae")
    shown = ".st-key-latent_map .views-part:not([hidden]) .js-plotly-plot"
    big = '.views-part[data-view="1000"] .js-plotly-plot'
    page.locator(shown).wait_for()
    page.wait_for_function(f"() => document.querySelector('{shown}').data")
    page.evaluate(
        f"() => {{ window.__small = document.querySelector('{shown}'); window.__points = window.__small.data[0].x; }}"
    )
    # where the cross is (z, as its element says), and whether its centre is the pixel the chart's axes put z at
    cross = f"""() => {{
      const plot = document.querySelector('{shown}'), svg = plot.parentElement.querySelector('svg.views-marker');
      const [x, y] = svg.dataset.at.split('|').map(Number), xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
      const lines = [...svg.querySelectorAll('line')], mid = (a, b) => lines.map(l => (+l.getAttribute(a) + +l.getAttribute(b)) / 2);
      const at = (v, want) => v.every(c => Math.abs(c - want) < 0.01);
      return lines.length === 2 && at(mid('x1', 'x2'), xa._offset + xa.l2p(x)) && at(mid('y1', 'y2'), ya._offset + ya.l2p(y))
        && x <= xa.range[1] && x >= xa.range[0] && y <= Math.max(...ya.range) && y >= Math.min(...ya.range) ? x : null;
    }}"""
    page.wait_for_function(f"({cross})() === 0")
    assert page.evaluate(f"() => document.querySelector('{shown}').layout.shapes.length") == 0  # not Plotly's
    page.wait_for_function(f"() => document.querySelector('{big}')?.data")  # drawn ahead, off the page
    page.evaluate(f"() => {{ window.__big = document.querySelector('{big}'); }}")
    with run_answered(page):  # the cross moves before the run answers; what follows holds once it has
        press_slider(page, "z1", "ArrowRight")
        expect_changed(page, lambda: str(page.evaluate(cross)), "0")
    assert page.evaluate(cross) == 0.1
    expect_in_url(page, "z1=0.1")  # written by the run the move started
    assert page.evaluate(f"() => document.querySelector('{shown}').data[0].x === window.__points")
    count = f"() => document.querySelector('{shown}').data.reduce((n, t) => n + t.x.length, 0)"
    assert page.evaluate(count) == 300
    page.evaluate(COUNT_RUNS)
    page.locator(".st-key-points button").last.click()  # all 1,000 points
    expect_shown(page, "latent_map", "1000")
    expect_shown(page, "map_caption", "1000")
    assert page.evaluate(f"() => document.querySelector('{shown}') === window.__big")  # kept, not drawn anew
    assert page.evaluate(count) == 1000 and page.evaluate(cross) == 0.1
    expect(page.locator(".st-key-map_caption")).to_contain_text(EN["vae.map_caption"].format(n=1000))
    page.locator(".st-key-points button").first.click()
    expect_shown(page, "latent_map", "300")
    assert page.evaluate(f"() => document.querySelector('{shown}') === window.__small")
    assert page.evaluate(count) == 300 and page.evaluate(cross) == 0.1
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0  # the browser switched by itself
    assert "points" not in page.url  # back on the page's default

    # the slider's end, beyond every point: the axes widen to hold the cross, and narrow again
    home = page.evaluate(f"() => document.querySelector('{shown}')._fullLayout.xaxis.range.slice()")
    press_slider(page, "z1", "End")
    page.wait_for_function(f"({cross})() === 8")
    assert page.evaluate(f"() => document.querySelector('{shown}')._fullLayout.xaxis.range[1]") > max(home[1], 8)
    z = 8.0
    while z > home[1]:  # back among the points, a step at a time: the axes as Plotly first set them
        press_slider(page, "z1", "ArrowLeft")
        z = round(z - 0.1, 1)
        page.wait_for_function(f"({cross})() === {z}")
    assert z > 5  # a step or a few from the end
    page.wait_for_function(f"() => document.querySelector('{shown}')._fullLayout.xaxis.range[1] === {home[1]}")


def test_charts_an_element_draws_again_ask_at_once_for_the_margins_plotly_settled_on(server, page):
    """The gates page's heat map makes room for its labels and colour bar: Plotly's automargin widens the margins
    the figure asks for, which costs the chart a second draw. The element remembers what Plotly settled on, and
    the heat maps it draws ahead for the other internals ask for those margins (or wider, where one of them
    needed more) at once."""
    open_app(page, f"{server.url}/gates")
    root = "document.querySelector('.st-key-heatmap .views')"
    page.wait_for_function(f"() => {root}?.__views?.parked?.querySelectorAll('.js-plotly-plot').length >= 3")
    margins = page.evaluate(
        f"""() => {{
          const root = {root}, plots = [...root.querySelectorAll('.js-plotly-plot'),
                                        ...root.__views.parked.querySelectorAll('.js-plotly-plot')];
          return plots.map(p => {{
            const asked = p._fullLayout.margin, settled = p._fullLayout._size;
            return [[asked.l, asked.r, asked.t, asked.b], ['l', 'r', 't', 'b'].map(k => Math.ceil(settled[k]))];
          }});
        }}"""
    )
    (first_asked, first_settled), *ahead = margins
    assert first_asked != first_settled  # the first chart was widened by Plotly: what the element learns from
    assert len(ahead) >= 2
    for asked, _ in ahead:
        assert all(a >= f for a, f in zip(asked, first_settled, strict=True)), (asked, first_settled)
    assert any(asked == settled for asked, settled in ahead)  # drawn once, in the margins it asked for


def test_charts_held_off_the_page_are_bounded_and_let_go(server, page):
    """Opening page after page from the sidebar takes every chart of the last one off the page: at most twelve
    elements' charts are held for a return; the older ones are let go (emptied, their Plotly state purged)."""
    open_app(page, f"{server.url}/translator")
    page.locator(".st-key-cross .views .js-plotly-plot").first.wait_for()
    page.evaluate("() => { window.__first = [...window.__viewsLast.values()]; }")  # the translator's elements
    assert page.evaluate("window.__first.length") >= 4
    # the last page's elements sweep up the pages' before it (the one before the last may still be leaving)
    for name in ("multi_head.nav", "self_attention.nav", "vit.nav", "gates.nav", "markov.nav"):
        with run_answered(page):  # each page's run over before the next click, which would cut it short
            page.locator("[data-testid=stSidebar]").get_by_role("link", name=EN[name]).click()
    page.locator(".st-key-next_char .views .js-plotly-plot").first.wait_for()  # the markov page's views mounted
    # the translator's, the oldest, let go (a mounting element sweeps up those that left the page)
    page.wait_for_function("() => window.__first.every(v => v.gone && v.root.children.length === 0 && !v.parked)")
    held = page.evaluate("""() => ({
      gone: window.__viewsGone.length,
      kept: window.__viewsGone.filter(v => !v.gone && v.root.querySelector('.js-plotly-plot')).length,
      detached: [...window.__viewsLast.values()].filter(v => !v.root.isConnected).length,
    })""")
    assert held["gone"] == 12 and held["detached"] <= 12  # held: the twelve last taken off the page at most
    assert held["kept"] > 0  # those held keep their charts


# Before the page's own scripts: the time of every message the browser sends the server (window.__sent) and of
# every one it receives (window.__answers). A clock for "before the run answered" that a quick run cannot slip
# past, as it can past the app's script-state attribute (React may draw a run's start and end in one render).
WATCH_SOCKET = """(() => {
  window.__sent = [];
  window.__answers = [];
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__answers.push(performance.now()));
    }
    send(data) {
      window.__sent.push(performance.now());
      return super.send(data);
    }
  };
})()"""

# In window.__order, from now on: [key view, time] each time a views element (by key) shows another view; the
# messages sent and received are counted from now on too.
RECORD_ORDER = """(keys) => {
  window.__order = [];
  window.__sent = [];
  window.__answers = [];
  for (const key of keys) {
    const el = document.querySelector(`.st-key-${key} .views, .st-key-${key} .computed`);
    new MutationObserver(() => window.__order.push([key + ' ' + el.dataset.shown, performance.now()]))
      .observe(el, {attributes: true, attributeFilter: ['data-shown']});
  }
}"""


# Whether a views element (by key) holds the view `name` drawn as a chart, on the page or off it (drawn ahead).
DRAWN = """([key, name]) => {
  const v = document.querySelector(`.st-key-${key} .views`).__views;
  return [...v.root.children, ...(v.parked ? v.parked.children : [])].some(
    b => b.dataset.view === name && b.querySelector('.js-plotly-plot.js-plotly-plot'));
}"""

# Whether every views element (by key) has drawn every view its run brought, on the page or off it: drawing
# ahead waits for the browser to be idle, which on a slow machine takes longer than any fixed wait.
ALL_DRAWN = """(keys) => keys.every((key) => {
  const v = document.querySelector(`.st-key-${key} .views`).__views;
  const boxes = [...v.root.children, ...(v.parked ? v.parked.children : [])];
  return Object.keys(v.data.views).every((name) => boxes.some((b) => b.dataset.view === name));
})"""


def shown_before_the_answer(page: Page, *shown: str) -> None:
    """Once the server has answered the move: the move sent the server its request, and each of these views
    (RECORD_ORDER's "key view") was shown before the first answer came."""
    page.wait_for_function("() => window.__answers.length > 0")
    order, sent, answers = (page.evaluate(f"window.{name}") for name in ("__order", "__sent", "__answers"))
    when = {event: t for event, t in reversed(order)}  # the first time each was shown
    assert sent and all(event in when and when[event] < answers[0] for event in shown), (
        order,
        sent,
        answers,
    )


def test_markov_shows_the_clicked_models_chart_before_the_server_answers(server, page):
    """The model reruns the section, but the browser holds every computed model's charts: a click shows the
    new model's chart in the frame the control changes, before the server answers."""
    page.add_init_script(WATCH_SOCKET)
    held = "el => Object.keys(el.__views.data.views).sort().join(',')"
    for _ in range(20):  # the other models' views are computed ahead after a first run: a later run holds them
        open_app(page, f"{server.url}/markov")
        expect_shown(page, "next_char", "lstm")
        if page.locator(".st-key-next_char .views").evaluate(held) == "gru,lstm,rnn":
            break
        page.wait_for_timeout(500)
    # the top characters, which the browser draws (ui/toppreds.py), hold every model's reading too
    parts = "el => Object.keys(el.__computed.data.parts).sort().join(',')"
    assert page.locator(".st-key-top .computed").evaluate(parts) == "gru,lstm,rnn"
    page.evaluate(RECORD_ORDER, ["next_char", "top"])
    before = chart_data(page, "next_char")
    page.locator(".st-key-model").get_by_text(EN["seq.model_gru"]).click()
    expect_shown(page, "next_char", "gru")
    shown_before_the_answer(page, "next_char gru", "top gru|10")
    assert chart_data(page, "next_char") != before
    assert "model=gru" in page.url


def test_a_step_of_the_gates_unit_shows_the_held_unit_before_the_server_answers_and_draws_the_next_one_ahead(
    server, page
):
    """The browser holds the views of the unit either side: an arrow press shows them in the frame the slider
    moves, before the server answers; that run sends them again unchanged, so they are not redrawn; and the
    unit after, which the run brings, is drawn ahead off the page without another press."""
    page.add_init_script(WATCH_SOCKET)
    open_app(page, f"{server.url}/gates?unit=3")
    expect_shown(page, "conveyor", "3")
    page.wait_for_function(DRAWN, arg=["conveyor", "4"])  # drawn ahead, off the page
    page.wait_for_function(DRAWN, arg=["unit_trace", "c|4"])
    page.evaluate(RECORD_ORDER, ["unit_trace", "conveyor"])
    page.evaluate("""() => {
      window.__reacts = 0;
      const react = window.Plotly.react;
      window.Plotly.react = function (div, ...rest) {
        if (div.closest('.st-key-conveyor, .st-key-unit_trace')) window.__reacts++;
        return react.call(this, div, ...rest);
      };
    }""")
    press_slider(page, "unit", "ArrowRight")
    expect_shown(page, "conveyor", "4")
    shown_before_the_answer(page, "unit_trace c|4", "conveyor 4")
    assert "unit=4" in page.url
    # the unit after, which the run brought, drawn ahead with no other move
    page.wait_for_function(DRAWN, arg=["conveyor", "5"])
    page.wait_for_function(DRAWN, arg=["unit_trace", "c|5"])
    # the run has answered (it brought unit 5): the views it sent again as they were are left as drawn
    assert page.evaluate("window.__reacts") == 0


# The data of the chart a views element (by key) shows, and whether the page shows it (window.__chartShown).
CHART_SHOWN = """window.__chartShown = (key) => {
  const plot = document.querySelector(`.st-key-${key} .views > .views-part:not([hidden]) .js-plotly-plot`);
  return plot && [JSON.stringify(plot.data), plot.checkVisibility({visibilityProperty: true})];
}"""

# A click on the model's button, and what each views element (by key) shows in the next animation frame: the frame
# the click is drawn in (the control's own update comes in a microtask after the click, before that frame).
CLICK_MODEL = """async ([index, keys]) => {
  document.querySelectorAll('.st-key-model button')[index].click();
  await new Promise((done) => requestAnimationFrame(done));
  return keys.map((key) => window.__chartShown(key));
}"""


def test_a_click_on_the_other_gates_model_shows_its_section_drawn_before_with_no_run_and_no_drawing(server, page):
    """Both models' sections are on the page, the other one out of sight with its charts drawn (ahead, when the
    browser was idle): a click on the model shows that model's heat map, unit trace and belt in the same frame,
    with no script run and no Plotly call, and hides the other's; the address follows, and each model keeps its
    own gate and unit."""
    lstm, gru = ("heatmap", "unit_trace", "conveyor"), ("gru_heatmap", "gru_unit_trace", "gru_conveyor")
    open_app(page, f"{server.url}/gates?unit=3&gru_unit=5")
    expect_shown(page, "heatmap", "c")
    expect_shown(page, "gru_heatmap", "h")
    expect_shown(page, "gru_conveyor", "5")
    page.wait_for_function(ALL_DRAWN, arg=[*lstm, *gru], timeout=30_000)
    page.evaluate(CHART_SHOWN)
    before = {key: page.evaluate("(k) => window.__chartShown(k)", key) for key in (*lstm, *gru)}
    assert all(before[key][1] for key in lstm) and not any(before[key][1] for key in gru)  # drawn, out of sight
    page.evaluate(COUNT_RUNS)
    page.evaluate("""() => {
      window.__calls = [];
      for (const name of ['newPlot', 'react']) {
        const call = window.Plotly[name];
        window.Plotly[name] = function (div, ...rest) {
          window.__calls.push(name);
          return call.call(this, div, ...rest);
        };
      }
    }""")
    for index, shown, hidden in ((1, gru, lstm), (0, lstm, gru), (1, gru, lstm)):
        now = dict(zip((*shown, *hidden), page.evaluate(CLICK_MODEL, [index, [*shown, *hidden]]), strict=True))
        assert all(now[key] == [before[key][0], True] for key in shown), now
        assert all(now[key] == [before[key][0], False] for key in hidden), now
    page.wait_for_timeout(500)
    assert page.evaluate("window.__runs") == 0 and page.evaluate("window.__calls") == []
    expect_in_url(page, "model=gru")
    assert "unit=3" in page.url and "gru_unit=5" in page.url


# The width of the chart shown in a views element, and of the element itself.
WIDTHS = """(key) => {
  const root = document.querySelector(`.st-key-${key} .views`);
  const svg = root.querySelector(':scope > .views-part:not([hidden]) .main-svg');
  return [Math.round(svg.getBoundingClientRect().width), Math.round(root.clientWidth)];
}"""


def test_charts_fit_their_element_when_the_window_narrows_the_one_shown_and_those_drawn_ahead(server, page):
    # the element fits its charts itself (ui/views.py's FIXED, not Plotly's responsive mode): the one in view at
    # once, one drawn ahead at the old width when it is shown
    open_app(page, f"{server.url}/gates")
    expect_shown(page, "heatmap", "c")
    page.wait_for_function(ALL_DRAWN, arg=["heatmap"], timeout=30_000)  # the others drawn ahead, at this width
    wide, element = page.evaluate(WIDTHS, "heatmap")
    assert abs(wide - element) <= 2
    page.set_viewport_size({"width": 900, "height": 1000})
    page.wait_for_function(f"(k) => {{ const [c, e] = ({WIDTHS})(k); return Math.abs(c - e) <= 2; }}", arg="heatmap")
    narrow, element = page.evaluate(WIDTHS, "heatmap")
    assert narrow < wide - 200
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"], exact=True).click()
    expect_shown(page, "heatmap", "f")
    page.wait_for_function(f"(k) => {{ const [c, e] = ({WIDTHS})(k); return Math.abs(c - e) <= 2; }}", arg="heatmap")


def test_a_view_switched_while_its_element_is_off_the_page_raises_nothing_and_fits_once_back(server, page):
    # a chart drawn at another width is fitted when shown, but Plotly refuses (a rejected promise, an uncaught
    # page error) to fit a chart that is not on the page: a run can hand the element views while the page
    # has taken it off (typing fast on the self-attention page did, in CI)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_app(page, f"{server.url}/gates")
    expect_shown(page, "heatmap", "c")
    page.wait_for_function(ALL_DRAWN, arg=["heatmap"], timeout=30_000)  # the others drawn ahead, at this width
    page.evaluate("""() => {
      const element = document.querySelector('.st-key-heatmap');
      window.__off = [element, element.parentElement, element.nextSibling, element.querySelector('.views')];
      element.remove();
    }""")
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"], exact=True).click()
    type_text(page, "text", "the cat sat")
    page.wait_for_function("() => window.__off[3].dataset.shown === 'f'")
    page.wait_for_timeout(500)
    assert errors == []
    page.evaluate("() => { window.__off[1].insertBefore(window.__off[0], window.__off[2]); }")
    page.wait_for_function(f"(k) => {{ const [c, e] = ({WIDTHS})(k); return Math.abs(c - e) <= 2; }}", arg="heatmap")
    assert errors == []


def test_a_control_elsewhere_on_the_page_changes_nothing_in_a_chart_it_does_not_drive(server, page):
    """A views element looks again at what it shows whenever any control moves (a slider's or a segmented
    control's new value): where nothing it shows moved, nothing in it changes (its marker was drawn anew at each
    move of any control on the VAE page, and the page kept changing after the student's answer was there)."""
    open_app(page, f"{server.url}/vae")
    shown = ".st-key-latent_map .views-part:not([hidden]) .js-plotly-plot"
    page.wait_for_function(f"() => document.querySelector('{shown}')?.parentElement.querySelector('svg.views-marker')")
    wait_idle(page)
    page.wait_for_timeout(500)
    page.evaluate("""() => {
      window.__changes = [];
      new MutationObserver((records) => window.__changes.push(...records.map((r) => r.type + ' ' + (r.attributeName || ''))))
        .observe(document.querySelector('.st-key-latent_map'), {subtree: true, childList: true, attributes: true, characterData: true});
    }""")
    with run_answered(page):
        press_slider(page, "extent", "ArrowRight")  # the grid's own control, in another fragment
    expect_in_url(page, "extent=2.5")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__changes") == []


# The heat map shown: the margins Plotly was asked to draw it with, and the ones it settled on (automargin: room
# for its labels and colour bar).
HEAT_MARGINS = """() => {
  const plot = document.querySelector('.st-key-heatmap .views > .views-part:not([hidden]) .js-plotly-plot');
  const m = plot.layout.margin, z = plot._fullLayout._size;
  return [[m.l, m.r, m.t, m.b], [z.l, z.r, z.t, z.b].map(Math.ceil)];
}"""


def test_the_margins_a_chart_settled_on_are_kept_so_the_next_visit_draws_it_once(server, page):
    open_app(page, f"{server.url}/gates")
    expect_shown(page, "heatmap", "c")
    asked, settled = page.evaluate(HEAT_MARGINS)
    # a browser's first visit: the chart was asked for the page's narrow margins, and Plotly, finding that its
    # labels need more room, drew it again
    assert asked[0] < settled[0] and asked[1] < settled[1] and asked[3] < settled[3]
    page.wait_for_function("() => (localStorage.getItem('seqgen-margins-v1') || '').includes('gates/heatmap|')")
    again = page.context.new_page()  # the same browser: another tab, or another day
    errors: list[str] = []
    again.on("pageerror", lambda exc: errors.append(str(exc)))
    open_app(again, f"{server.url}/gates")
    expect_shown(again, "heatmap", "c")
    asked, settled_again = again.evaluate(HEAT_MARGINS)
    assert asked == settled_again  # asked at once for all the room it takes: drawn once
    assert asked[0] >= settled[0] and asked[3] >= settled[3]
    assert errors == []


def test_whatever_the_stored_margins_hold_the_charts_are_drawn(server, page):
    open_app(page, server.url)
    for junk in ["not json", '{"a": 1}', '[5, null, ["x"], ["gates/heatmap|1336", {"l": "wide", "r": -5}]]']:
        page.evaluate("(junk) => localStorage.setItem('seqgen-margins-v1', junk)", junk)
        open_app(page, f"{server.url}/gates")
        expect_shown(page, "heatmap", "c")
        asked, settled = page.evaluate(HEAT_MARGINS)
        assert all(isinstance(m, int | float) and 0 <= m < 500 for m in asked + settled)
    # the page's own console and page errors fail the test (tests/e2e/conftest.py)


# Keeps the page "just pressed a key" (a synthetic key press every 30 ms, from the document's start): charts held
# below the first screen wait for a quiet moment, so only scrolling near them draws them.
PAGE_TOP = "el => el.getBoundingClientRect().top + document.querySelector('[data-testid=stMain]').scrollTop"
BUSY = "window.__busy = setInterval(() => window.dispatchEvent(new KeyboardEvent('keydown')), 30);"


def test_charts_below_the_first_screen_wait_until_scrolled_near_and_keep_their_place(server, page):
    page.add_init_script(BUSY)
    open_app(page, f"{server.url}/vae")
    expect_shown(page, "latent_map", "300")  # the first screen's charts
    expect_shown(page, "decoded", "")
    grid = page.locator(".st-key-grid .views")
    page.wait_for_timeout(1500)  # idle enough, but for the key presses
    held = grid.evaluate(
        "el => ({held: el.hasAttribute('data-held'), shown: el.dataset.shown, height: el.getBoundingClientRect().height,"
        " plots: el.querySelectorAll('.js-plotly-plot').length, top: el.getBoundingClientRect().top})"
    )
    assert held["held"] and held["shown"] is None and held["plots"] == 0, held
    assert held["top"] > 1000  # below the first screen (1,000 px high)
    assert held["height"] > 200  # the chart's height kept for it
    later = page.locator(".st-key-posterior_map .views")  # further down
    below = later.evaluate(PAGE_TOP)
    grid.evaluate("el => el.scrollIntoView({block: 'start'})")
    expect_shown(page, "grid", "")
    drawn = grid.evaluate("el => [el.hasAttribute('data-held'), el.getBoundingClientRect().height]")
    assert drawn[0] is False
    # the page below did not move when the chart came
    assert abs(later.evaluate(PAGE_TOP) - below) <= 0.1 * held["height"], (below, later.evaluate(PAGE_TOP), held, drawn)
    # still held, far below, until the student pauses: then drawn
    assert later.get_attribute("data-held") == ""
    assert later.get_attribute("data-shown") is None
    page.evaluate("clearInterval(window.__busy)")
    expect_shown(page, "posterior_map", "heldout")
    expect_shown(page, "prior_ae", "")
    assert page.locator("[data-held]").count() == 0
