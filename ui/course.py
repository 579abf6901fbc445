"""The map of the course: its three parts and the pages that exist for each topic.

A page added later needs one line here, its page file, its catalog entries and its model.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    id: str  # the page's URL path and the prefix of its catalog keys
    file: str  # relative to the app's root
    icon: str
    topics: tuple[str, ...]  # the course topics (catalog keys) this page teaches


@dataclass(frozen=True)
class Part:
    id: str
    topics: tuple[str, ...]  # catalog keys of the course topics this part covers
    pages: tuple[PageInfo, ...]


PARTS: tuple[Part, ...] = (
    Part(
        "sequence",
        ("topic.sequential", "topic.markov", "topic.latent", "topic.rnn", "topic.lstm", "topic.gru"),
        (
            PageInfo("markov", "pages/11_markov.py", ":material/text_fields:", ("topic.sequential", "topic.markov")),
            PageInfo("gates", "pages/12_gates.py", ":material/tune:", ("topic.latent", "topic.lstm", "topic.gru")),
            PageInfo("gradients", "pages/13_gradients.py", ":material/show_chart:", ("topic.rnn",)),
            PageInfo("lstm_code", "pages/14_lstm_code.py", ":material/code:", ("topic.lstm",)),
        ),
    ),
    Part(
        "transformer",
        (
            "topic.hard",
            "topic.attention",
            "topic.selfattention",
            "topic.multihead",
            "topic.positional",
            "topic.decoder",
            "topic.vit",
            "topic.dalle",
        ),
        (
            PageInfo(
                "translator",
                "pages/21_translator.py",
                ":material/translate:",
                ("topic.hard", "topic.attention", "topic.decoder"),
            ),
            PageInfo(
                "self_attention",
                "pages/22_self_attention.py",
                ":material/filter_center_focus:",
                ("topic.selfattention",),
            ),
            PageInfo("multi_head", "pages/23_multi_head.py", ":material/view_column:", ("topic.multihead",)),
            PageInfo("positions", "pages/24_positions.py", ":material/linear_scale:", ("topic.positional",)),
            PageInfo("vit", "pages/25_vit.py", ":material/grid_view:", ("topic.vit",)),
            PageInfo(
                "attention_code",
                "pages/26_attention_code.py",
                ":material/code:",
                ("topic.selfattention", "topic.multihead"),
            ),
        ),
    ),
    Part(
        "generative",
        (
            "topic.distributions",
            "topic.counting",
            "topic.independence",
            "topic.conditional",
            "topic.autoregressive",
            "topic.mle",
            "topic.erm",
            "topic.vae",
        ),
        (
            PageInfo(
                "distributions",
                "pages/31_distributions.py",
                ":material/casino:",
                ("topic.distributions", "topic.counting", "topic.independence", "topic.conditional"),
            ),
            PageInfo("nade", "pages/32_nade.py", ":material/draw:", ("topic.autoregressive",)),
            PageInfo("mle", "pages/33_mle.py", ":material/trending_down:", ("topic.mle", "topic.erm")),
            PageInfo("vae", "pages/34_vae.py", ":material/scatter_plot:", ("topic.vae",)),
        ),
    ),
)

MORE = ("topic.dalle",)  # topics explained on the home page instead of a page of their own

HOME = PageInfo("home", "app.py", ":material/home:", ())


def all_pages() -> list[PageInfo]:
    return [p for part in PARTS for p in part.pages]


def pages_for(topic: str) -> list[PageInfo]:
    """The pages that teach a topic, in course order (empty while none does yet)."""
    return [p for p in all_pages() if topic in p.topics]


def has_more(topic: str) -> bool:
    return topic in MORE
