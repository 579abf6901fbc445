"""The where-am-I diagrams in a real browser: change the selection, and the lit part of the diagram changes."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser import open_app, press_slider, wait_idle
from ui.i18n import catalog

EN, KO = catalog("en"), catalog("ko")


def svg(page: Page, key: str = "where") -> str | None:
    """The SVG the diagram (by its container's key) shows now; None until its image has rendered.
    st.image shows an SVG as an <img> whose source is the SVG itself, base64-encoded."""
    return page.evaluate(
        """key => {
            // the one shown: views the browser switches (ui/views.py) keep the others, hidden
            const img = [...document.querySelectorAll(`.st-key-${key} img`)].filter(i => i.offsetParent).pop();
            if (!img || !img.complete || !img.naturalWidth || !img.src.startsWith("data:image/svg+xml;base64,")) return null;
            const bytes = Uint8Array.from(atob(img.src.split(",")[1]), c => c.charCodeAt(0));
            return new TextDecoder().decode(bytes);
        }""",
        key,
    )


def read(page: Page, key: str) -> str | None:
    """The lit parts of the diagram as drawn now, space-separated; None until it has rendered."""
    drawn = svg(page, key)
    return None if drawn is None else " ".join(re.findall(r'data-part="([^"]+)" data-lit="true"', drawn))


def lit(page: Page, key: str = "where") -> set[str]:
    """The parts the diagram draws lit, once the run is over and the image has rendered."""
    for _ in range(200):
        wait_idle(page)
        now = read(page, key)
        if now is not None:
            return set(now.split())
        page.wait_for_timeout(100)
    raise AssertionError(f"the diagram {key} did not render")


def relit(page: Page, before: set[str], key: str = "where") -> set[str]:
    """Wait until the diagram lights other parts than before; return them."""
    for _ in range(200):
        now = lit(page, key)
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"the diagram {key} still lights {sorted(before)}")


def test_gates_cell_diagram_follows_the_internal_and_the_model(server, page):
    open_app(page, f"{server.url}/gates")
    assert lit(page) == {"c"}  # the default: the cell state, the conveyor belt
    page.locator(".st-key-internal").get_by_text(EN["gates.internal_f"]).click()
    assert relit(page, {"c"}) == {"f"}
    assert EN["diagrams.lstm_f"] in svg(page)
    # the GRU's section, which a click on the model shows: its own cell, lit at its hidden state (it has no forget
    # gate), and its own belt
    page.locator(".st-key-model").get_by_text(EN["seq.model_gru"]).click()
    expect(page.locator(".st-key-gru_where img:visible")).to_have_count(1)
    expect(page.locator(".st-key-where img:visible")).to_have_count(0)
    assert lit(page, "gru_where") == {"h"}
    assert EN["diagrams.gru_title"] in svg(page, "gru_where")
    belt = page.locator(".st-key-gru_conveyor .views-part:not([hidden]) .js-plotly-plot .gtitle")
    expect(belt).to_contain_text("(1 − zₜ) ⊙ nₜ")
    page.locator(".st-key-gru_internal").get_by_text(EN["gates.internal_z"]).click()
    assert relit(page, {"h"}, "gru_where") == {"z"}
    assert lit(page) == {"f"}  # the LSTM's section keeps its gate
    expect(page.locator(".st-key-gru_conveyor .views-part:not([hidden]) .js-plotly-plot")).to_be_visible()


def test_gates_diagram_speaks_korean(server, page):
    open_app(page, f"{server.url}/gates?lang=ko&internal=i")
    assert lit(page) == {"i"}
    drawn = svg(page)
    assert KO["diagrams.lstm_title"] in drawn and KO["diagrams.lstm_i"] in drawn and KO["diagrams.belt"] in drawn


def test_translator_diagram_follows_layer_and_head(server, page):
    open_app(page, f"{server.url}/translator")
    heads = {f"head{h}" for h in range(1, 5)}
    assert lit(page) == {"cross2", "decoder2", "encoder2"} | heads  # the last layer, all heads averaged
    press_slider(page, "layer", "Home")
    assert relit(page, {"cross2", "decoder2", "encoder2"} | heads) == {"cross1", "decoder1", "encoder1"} | heads
    page.locator(".st-key-head").get_by_text(EN["translator.head_n"].format(n=3)).click()
    assert relit(page, {"cross1", "decoder1", "encoder1"} | heads) == {"cross1", "decoder1", "encoder1", "head3"}


def test_self_attention_diagram_follows_the_encoder_layer_and_head(server, page):
    open_app(page, f"{server.url}/self_attention")
    assert lit(page) == {"encoder1", "head1"}
    press_slider(page, "layer", "End")
    assert relit(page, {"encoder1", "head1"}) == {"encoder2", "head1"}
    press_slider(page, "head", "End")
    assert relit(page, {"encoder2", "head1"}) == {"encoder2", "head4"}


def test_multi_head_diagram_follows_the_block_and_layer(server, page):
    open_app(page, f"{server.url}/multi_head")
    heads = {f"head{h}" for h in range(1, 5)}
    assert lit(page) == {"encoder1"} | heads
    page.locator(".st-key-block").get_by_text(EN["multi_head.block_cross"]).click()
    assert relit(page, {"encoder1"} | heads) == {"cross1"} | heads
    press_slider(page, "layer", "End")
    assert relit(page, {"cross1"} | heads) == {"cross2"} | heads


def test_vit_diagram_follows_layer_and_head(server, page):
    open_app(page, f"{server.url}/vit")
    heads = {f"head{h}" for h in range(1, 5)}
    assert lit(page) == {"cls", "encoder4"} | heads
    press_slider(page, "layer", "Home")
    assert relit(page, {"cls", "encoder4"} | heads) == {"cls", "encoder1"} | heads
    page.locator(".st-key-head").get_by_text(EN["vit.head_2"]).click()
    assert relit(page, {"cls", "encoder1"} | heads) == {"cls", "encoder1", "head2"}


def test_vae_sections_light_the_parts_they_show(server, page):
    open_app(page, f"{server.url}/vae")
    assert lit(page, "where_map") == {"z", "decoder", "x_hat"}
    assert lit(page, "where_line") == {"x", "encoder", "mu_sigma", "z", "decoder", "x_hat"}
    wait_idle(page)
    assert lit(page, "where_prior") == {"prior", "z", "decoder", "x_hat"}
