"""The where-am-I diagrams: valid SVG, every word from the catalog given, the lit part following the selection."""

import re
from xml.etree import ElementTree

import pytest

from figures import diagrams
from ui import i18n

SVG = diagrams.SVG
N_ENC, N_DEC, N_HEADS, N_LAYERS = 2, 2, 4, 4


def marked_catalog() -> dict[str, str]:
    """The English catalog with every diagram word replaced by a mark naming its key (placeholders kept)."""
    return {
        k: f"⟨{k}⟩" + (" {n}" if "{n}" in v else "") if k.startswith("diagrams.") else v
        for k, v in i18n.catalog("en").items()
    }


def every_diagram(words) -> dict[str, str]:
    return {
        "lstm": diagrams.lstm_cell("f", words),
        "gru": diagrams.gru_cell("z", words),
        "transformer": diagrams.transformer(words, N_ENC, N_DEC, N_HEADS, [("cross", 2), ("encoder", 2)], None),
        "vit": diagrams.vit(words, N_LAYERS, N_HEADS, 2, 3),
        "vae": diagrams.vae(words, ["z", "decoder"]),
    }


def texts(svg: str) -> list[str]:
    return [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def lit(svg: str) -> set[str]:
    return set(diagrams.lit_parts(svg))


@pytest.mark.parametrize("name", ["lstm", "gru", "transformer", "vit", "vae"])
def test_every_diagram_is_valid_svg_with_a_viewbox_and_words(name):
    svg = every_diagram(i18n.catalog("en"))[name]
    root = ElementTree.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    assert len(root.get("viewBox").split()) == 4
    assert texts(svg) and lit(svg)


@pytest.mark.parametrize("name", ["lstm", "gru", "transformer", "vit", "vae"])
def test_every_word_in_a_diagram_comes_from_the_catalog_given(name):
    for text in texts(every_diagram(marked_catalog())[name]):
        assert re.fullmatch(r"⟨diagrams\.[a-z_]+⟩( \d+)?", text), text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_diagrams_draw_in_both_languages_with_their_own_words(lang):
    words = i18n.catalog(lang)
    allowed = {v for k, v in words.items() if k.startswith("diagrams.") and "{" not in v}
    allowed |= {words["diagrams.layer_n"].format(n=n) for n in range(1, N_LAYERS + 1)}
    for svg in every_diagram(words).values():
        assert set(texts(svg)) <= allowed
    assert words["diagrams.cross_attention"] in texts(every_diagram(words)["transformer"])


def test_text_is_escaped():
    words = marked_catalog() | {"diagrams.lstm_title": "<b>&</b>"}
    svg = diagrams.lstm_cell("c", words)
    assert "<b>" not in svg and "<b>&</b>" in texts(svg)


@pytest.mark.parametrize("internal", ["f", "i", "g", "o", "c", "h"])
def test_the_lstm_cell_lights_the_selected_internal_only(internal):
    svg = diagrams.lstm_cell(internal, i18n.catalog("en"))
    assert lit(svg) == {internal}
    assert i18n.catalog("en")[f"diagrams.lstm_{internal}"] in texts(svg)


@pytest.mark.parametrize("internal", ["r", "z", "n", "h"])
def test_the_gru_cell_lights_the_selected_internal_only(internal):
    assert lit(diagrams.gru_cell(internal, i18n.catalog("en"))) == {internal}


def test_the_transformer_lights_the_selected_blocks_and_heads():
    words = i18n.catalog("en")
    translator = diagrams.transformer(words, N_ENC, N_DEC, N_HEADS, [("cross", 1), ("decoder", 1), ("encoder", 1)])
    assert lit(translator) == {"cross1", "decoder1", "encoder1", "head1", "head2", "head3", "head4"}
    one_head = diagrams.transformer(words, N_ENC, N_DEC, N_HEADS, [("encoder", 2)], head=3)
    assert lit(one_head) == {"encoder2", "head3"}
    for block in ("encoder", "decoder", "cross"):
        for layer in (1, 2):
            assert f"{block}{layer}" in lit(diagrams.transformer(words, N_ENC, N_DEC, N_HEADS, [(block, layer)]))
    # every block of every layer is drawn, lit or not
    parts = {g.get("data-part") for g in ElementTree.fromstring(one_head).iter(f"{SVG}g")}
    assert {f"{b}{n}" for b in ("encoder", "ffn", "decoder", "cross", "ffn_dec") for n in (1, 2)} <= parts


def test_the_vit_lights_the_selected_layer_head_and_the_class_token():
    words = i18n.catalog("ko")
    assert lit(diagrams.vit(words, N_LAYERS, N_HEADS, 3, 2)) == {"cls", "encoder3", "head2"}
    assert lit(diagrams.vit(words, N_LAYERS, N_HEADS, 1)) == {"cls", "encoder1"} | {f"head{h}" for h in range(1, 5)}


def test_the_vae_lights_the_parts_a_section_shows():
    words = i18n.catalog("en")
    assert lit(diagrams.vae(words, ["prior", "z", "decoder", "x_hat"])) == {"prior", "z", "decoder", "x_hat"}
    assert lit(diagrams.vae(words, ["x", "encoder", "mu_sigma"])) == {"x", "encoder", "mu_sigma"}
    parts = {g.get("data-part") for g in ElementTree.fromstring(diagrams.vae(words, [])).iter(f"{SVG}g")}
    assert set(diagrams.VAE_PARTS) <= parts


def test_a_diagram_has_its_size_for_st_image_and_a_white_ground():
    root = ElementTree.fromstring(diagrams.lstm_cell("g", i18n.catalog("ko")))
    assert (root.get("width"), root.get("height")) == tuple(root.get("viewBox").split()[2:])
    assert root.find(f"{SVG}rect").get("fill") == "#fff"  # readable on a dark theme too
