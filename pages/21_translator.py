"""The date translator: an encoder-decoder Transformer rewrites a typed date as YYYY-MM-DD, attention and all."""

import numpy as np
import streamlit as st

from figures import attention as fig
from figures import diagrams
from models import translator
from models.data import datereader, dates
from ui import classroom, computed, datemodel, decodestep, i18n, lessons, shell, textinput, views
from ui.lessons import translator as lesson
from ui.urlstate import Setting

C = shell.config(datemodel.NAME, translator.Config)
DEFAULT = "Tuesday, November 24, 2026"
DEFAULT_KO = "2026년 11월 24일 화요일"  # a Korean reader opens on a date written the Korean way
SETTINGS = [
    Setting("text", DEFAULT, by_lang=(("ko", DEFAULT_KO),)),
    # decoding starts at the first character; the browser draws each step (ui/decodestep.py)
    Setting("step", 1, lo=1, hi=translator.OUTPUT_LEN, browser=True),
    Setting("layer", C.n_decoder, lo=1, hi=C.n_decoder, browser=True),
    Setting("head", "mean", choices=("mean", *(str(h) for h in range(1, C.n_heads + 1))), browser=True),
]

page = shell.page("translator", SETTINGS, models=(datemodel.NAME,))
page.intro(n=len(dates.FORMATS), limit=translator.MAX_INPUT)
views.load_plotly()  # the charts below are drawn with the Plotly that Streamlit loads
card = page.card(datemodel.NAME)
box, said = st.columns([3, 2], vertical_alignment="bottom")  # the answer beside the question, not below it
with box:
    s = textinput.date_text(page)
typed = page["text"]  # what this run read; a lesson inside a fragment may type its example instead


def head_of(stage: dict, layer: int, head: str) -> np.ndarray:
    w = stage[layer - 1]["weights"]  # (heads, T_q, T_k)
    return w.mean(0) if head == "mean" else w[int(head) - 1]


# decoding plays one character per tick (two when fast): ten ticks write the answer
player = classroom.Player(page, "step", stride=1, top=translator.OUTPUT_LEN, speeds={"slow": 1, "normal": 1, "fast": 2})


@st.cache_data(max_entries=16, show_spinner=False)
def first_step(s: str, lang: str) -> tuple[dict, dict]:
    """The first decoding step's charts as parts: the next character's probabilities and what the step reads;
    the browser draws every step into them (ui/decodestep.py)."""
    res = datemodel.run(s)
    t = i18n.words("translator", lang)
    names = (t(".largest"), t(".the_rest"))
    probs = res["probs"][0]
    symbols = list(datemodel.OUTPUT_SYMBOLS)
    title, axis = t(".next_probs", step=1), t(".next_axis")
    next_probs = fig.bars(symbols, probs, title, axis, t(".probability"), int(probs.argmax()), names, [0, 1])
    cross = looking(res)[0]
    title, axis = t(".reads", step=1), t(".input_axis")
    step_cross = fig.bars(fig.tokens(res["input"]), cross, title, axis, t(".weight"), int(cross.argmax()), names)
    return views.figure(next_probs), views.figure(step_cross)


def looking(res: dict) -> np.ndarray:
    """Where each step of the answer looks in the input: the last decoder layer's cross-attention, heads
    averaged (steps, input)."""
    return res["cross"][C.n_decoder - 1]["weights"].mean(0)[: translator.OUTPUT_LEN]


@st.fragment(run_every=player.every)
def decoding(res: dict):
    if page["text"] != typed:  # a step set the text: the whole page, text box included, must follow
        st.rerun()
    player.tick()
    lessons.ask(page, lesson.FIRST_LOOK, lesson.first_look_facts)
    page.widget(st.slider, "step")
    steps = decodestep.shared(page, [page.settings["step"]], res["answer"])
    decodestep.show_sentence(
        "decoding_now", steps, page.t(".decoding_now", **computed.blanks("written", "step", "char"))
    )
    left, right = st.columns(2)
    next_probs, step_cross = first_step(s, page.lang)
    step = computed.blanks("step")
    symbols, probs = list(datemodel.OUTPUT_SYMBOLS), res["probs"][: translator.OUTPUT_LEN]
    decodestep.show_bars("next_probs", steps, symbols, probs, next_probs, page.t(".next_probs", **step), left)
    tokens = fig.tokens(res["input"])
    decodestep.show_bars("step_cross", steps, tokens, looking(res), step_cross, page.t(".reads", **step), right)
    lessons.guide(page, lesson.DECODE)


HEADS = SETTINGS[3].choices
CONTROLS = SETTINGS[2:4]  # layer and head: they choose among the maps below


@st.cache_data(max_entries=8, show_spinner=False)
def maps_views(s: str, lang: str) -> dict[str, dict[str, dict]]:
    """Every layer and head's maps and diagram, for the browser to switch among: slot -> view -> part."""
    res = datemodel.run(s)
    t = i18n.words("translator", lang)
    outs, ins = fig.tokens(res["answer"]), fig.tokens(res["input"])
    x_title, y_title, z_title = t(".input_axis"), t(".output_axis"), t(".weight")
    words = dict(query=t(".query_axis"), key=t(".key_axis"), weight=z_title)
    slots = {"cross": {}, "where": {}, "self_maps": {}}
    for layer in range(1, C.n_decoder + 1):
        enc_layer = min(layer, C.n_encoder)
        for head in HEADS:
            name = views.combo((layer, head))
            cross = head_of(res["cross"], layer, head)[: translator.OUTPUT_LEN]
            slots["cross"][name] = views.figure(
                fig.attention_map(cross, outs, ins, t(".cross", layer=layer), x_title, y_title, z_title)
            )
            shown = (("cross", layer), ("decoder", layer), ("encoder", enc_layer))  # the three maps of this section
            where = diagrams.transformer(
                i18n.catalog(lang), C.n_encoder, C.n_decoder, C.n_heads, shown, None if head == "mean" else int(head)
            )
            slots["where"][name] = views.svg(where)
            dec = head_of(res["decoder"], layer, head)[: translator.OUTPUT_LEN, : translator.OUTPUT_LEN]
            maps = [
                dict(
                    weights=head_of(res["encoder"], enc_layer, head),
                    rows=ins,
                    cols=ins,
                    title=t(".encoder", layer=enc_layer),
                ),
                dict(
                    weights=dec,
                    rows=outs,
                    cols=fig.decoder_keys(outs),
                    title=t(".decoder", layer=layer),
                    allowed=np.tri(len(outs), dtype=bool),
                ),
            ]
            slots["self_maps"][name] = views.figure(fig.attention_maps(maps, words))
    return slots


@st.fragment
def maps(res: dict):
    if page["text"] != typed:
        st.rerun()
    st.subheader(page.t(".maps_title"))
    c1, c2 = st.columns(2)
    # the layer and the head only choose among maps the browser already holds: they switch in one frame
    page.widget(c1.slider, "layer")
    page.widget(
        c2.segmented_control,
        "head",
        format_func=lambda h: page.t(f".head_{h}" if h == "mean" else ".head_n", n=h),
        required=True,
    )
    slots = maps_views(s, page.lang)
    left, right = st.columns([2, 1])
    views.show(page, "cross", CONTROLS, slots["cross"], left)
    left.caption(page.t(".cross_caption"))
    views.show(page, "where", CONTROLS, slots["where"], right)
    lessons.guide(page, lesson.HEADS, **lesson.heads_facts())
    views.show(page, "self_maps", CONTROLS, slots["self_maps"])
    st.caption(page.t(".self_caption"))


if s is not None:
    res = datemodel.run(s)
    said.markdown(page.t(".answer", answer=res["answer"]))
    fmt = dates.recognise(s, res["answer"])
    if fmt is None:
        st.info(page.t(".outside", n=len(dates.FORMATS)), icon=":material/help:")
    else:
        st.caption(":material/check_circle: " + page.t(".inside", example=card["formats"][fmt]))
    sure = res["confidence"]
    title, axis, z = page.t(".confidence_title"), page.t(".confidence_axis"), page.t(".probability")
    views.chart(page, "sure", fig.confidence(fig.tokens(res["answer"]), sure, datereader.UNSURE, title, axis, z))
    st.caption(page.t(".confidence_caption", threshold=datereader.UNSURE))
    if datereader.unsure(sure):
        i = int(sure.argmin())
        values = dict(pos=i + 1, char=res["answer"][i], p=sure[i], threshold=datereader.UNSURE)
        st.warning(page.t(".unsure", **values), icon=":material/psychology_alt:")
    readings = datereader.readings(s, page.lang)
    if readings:  # both readings are dates: say so, and what the model makes of each
        st.info(page.t(".ambiguous"), icon=":material/swap_horiz:")
        rows = [
            {
                page.t(".reading_col"): page.t(f".order_{o}"),
                page.t(".date_col"): iso,
                page.t(".model_p_col"): f"{datemodel.likelihood(s, iso):.4g}",
            }
            for o, iso in readings
        ]
        textinput.table(rows)
        st.caption(page.t(".ambiguous_caption"))
    st.subheader(page.t(".decoding_title"))
    player.controls()
    decoding(res)
    maps(res)

    st.subheader(page.t(".variants_title"))
    variants = dates.variants(s)
    if variants:
        answers = datemodel.answers(tuple(v for _, v in variants))
        rows = [
            {page.t(".change"): page.t(f".kind_{k}"), page.t(".input_col"): v, page.t(".answer_col"): a}
            for (k, v), a in zip(variants, answers, strict=False)
        ]
        textinput.table(rows)
        st.caption(page.t(".variants_caption"))
    else:
        st.info(page.t(".no_variants"))

with st.expander(page.t(".card_title", n=len(dates.FORMATS))):
    per_format = card["metrics"]["test_exact_match_by_format"]
    rows = [
        {page.t(".format_col"): card["formats"][f], page.t(".accuracy_col"): f"{acc * 100:.1f}%"}
        for f, acc in per_format.items()
    ]
    textinput.table(rows)
    st.caption(page.t(".card_caption", n=translator.N_HELDOUT_PER_FORMAT))
    metrics = card["metrics"]
    if "test_as_written_by_kind" in metrics:  # a card from before the list was scored has no such rows
        by_kind = metrics["test_as_written_by_kind"]
        total = sum(n for _, n in by_kind.values())
        st.markdown("**" + page.t(".written_title", n=total) + "**")
        rows = [
            {
                page.t(".written_kind_col"): page.t(f".written.{kind}"),
                page.t(".written_lines_col"): n,
                page.t(".written_acc_col"): f"{right / n * 100:.0f}%",
            }
            for kind, (right, n) in by_kind.items()
        ]
        textinput.table(rows)
        st.caption(page.t(".written_caption", acc=metrics["test_as_written_exact_match"] * 100, n=total))
        st.markdown("**" + page.t(".varied_title") + "**")
        rows = [
            {page.t(".varied_kind_col"): page.t(f".varied.{kind}"), page.t(".accuracy_col"): f"{acc * 100:.1f}%"}
            for kind, acc in metrics["test_exact_match_by_variation"].items()
        ]
        textinput.table(rows)
        st.caption(page.t(".varied_caption", n=translator.N_HELDOUT_PER_FORMAT))
