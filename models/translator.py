"""An encoder-decoder Transformer that rewrites a human-written date as ISO YYYY-MM-DD.

Vaswani et al. (2017), "Attention Is All You Need": sinusoidal positional encoding,
an encoder of self-attention layers, a decoder whose masked self-attention looks only
at the characters already written and whose encoder-decoder (cross) attention takes
its queries from the decoder and its keys and values from the encoder. Simplified:
pre-norm layers, characters as tokens, greedy decoding. All attention is our own
(`models.attention`), so every stage can be shown. How it is trained: `models/training/translator.py`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import torch
import torch.nn as nn

from models.attention import AttentionSteps, MultiHeadAttention
from models.data import dates

PAD, UNK, BOS, EOS = "\x00", "\x01", "\x02", "\x03"
INPUT_CHARS = (
    PAD
    + UNK
    + " ',-./()?"
    + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "년월일요"
    + dates.KO_WEEKDAYS.replace("월", "").replace("일", "")
)
OUTPUT_CHARS = PAD + BOS + EOS + "0123456789-"
MAX_INPUT = 40  # characters the encoder reads; longer input is cut
OUTPUT_LEN = 10  # YYYY-MM-DD


@dataclass(frozen=True)
class Config:
    d_model: int = 64
    n_heads: int = 4
    n_encoder: int = 2
    n_decoder: int = 2
    d_mlp: int = 128
    dropout: float = 0.1
    max_len: int = 64


@dataclass(frozen=True)
class TranslatorOutput:
    logits: torch.Tensor  # (B, T_out, output chars): the next output character after each one written
    encoder: tuple[AttentionSteps, ...]  # per encoder layer: self-attention
    decoder: tuple[AttentionSteps, ...]  # per decoder layer: masked self-attention
    cross: tuple[AttentionSteps, ...]  # per decoder layer: encoder-decoder attention


def positional_encoding(length: int, d_model: int) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)): (length, d_model)."""
    pos = torch.arange(length, dtype=torch.float32)[:, None]
    freq = torch.exp(-math.log(10000.0) * torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
    pe = torch.zeros(length, d_model)
    pe[:, 0::2] = torch.sin(pos * freq)
    pe[:, 1::2] = torch.cos(pos * freq)
    return pe


class EncoderLayer(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(c.d_model), nn.LayerNorm(c.d_model)
        self.attn = MultiHeadAttention(c.d_model, c.n_heads)
        self.mlp = nn.Sequential(nn.Linear(c.d_model, c.d_mlp), nn.ReLU(), nn.Linear(c.d_mlp, c.d_model))
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x, keep, scale=True):
        h = self.ln1(x)
        a, steps = self.attn(h, h, keep, scale)
        # x = x + SelfAttention(LN(x))
        x = x + self.drop(a)
        # x = x + MLP(LN(x))
        x = x + self.drop(self.mlp(self.ln2(x)))
        return x, steps


class DecoderLayer(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = nn.LayerNorm(c.d_model), nn.LayerNorm(c.d_model), nn.LayerNorm(c.d_model)
        self.self_attn = MultiHeadAttention(c.d_model, c.n_heads)
        self.cross_attn = MultiHeadAttention(c.d_model, c.n_heads)
        self.mlp = nn.Sequential(nn.Linear(c.d_model, c.d_mlp), nn.ReLU(), nn.Linear(c.d_mlp, c.d_model))
        self.drop = nn.Dropout(c.dropout)

    def forward(self, y, memory, causal, memory_keep, scale=True):
        h = self.ln1(y)
        a, self_steps = self.self_attn(h, h, causal, scale)
        # y = y + MaskedSelfAttention(LN(y))
        y = y + self.drop(a)
        a, cross_steps = self.cross_attn(self.ln2(y), memory, memory_keep, scale)
        # y = y + CrossAttention(queries LN(y), keys and values from the encoder)
        y = y + self.drop(a)
        # y = y + MLP(LN(y))
        y = y + self.drop(self.mlp(self.ln3(y)))
        return y, self_steps, cross_steps


class Translator(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        d = config.d_model
        self.src_embed = nn.Embedding(len(INPUT_CHARS), d)
        self.tgt_embed = nn.Embedding(len(OUTPUT_CHARS), d)
        self.register_buffer("pe", positional_encoding(config.max_len, d), persistent=False)
        self.encoder = nn.ModuleList(EncoderLayer(config) for _ in range(config.n_encoder))
        self.decoder = nn.ModuleList(DecoderLayer(config) for _ in range(config.n_decoder))
        self.ln_enc, self.ln_dec = nn.LayerNorm(d), nn.LayerNorm(d)
        self.head = nn.Linear(d, len(OUTPUT_CHARS))
        self.drop = nn.Dropout(config.dropout)

    def embed(self, ids: torch.Tensor, table: nn.Embedding, position: bool) -> torch.Tensor:
        # No √d scaling here: nn.Embedding starts at N(0, 1) per dimension, the size of PE's values,
        # so position and character weigh the same at the start (scaled by √d = 8, positions were drowned).
        x = table(ids)
        # x_t + PE[t]
        return self.drop(x + self.pe[: ids.shape[1]] if position else x)

    def forward(
        self, src: torch.Tensor, tgt: torch.Tensor, position: bool = True, scale: bool = True
    ) -> TranslatorOutput:
        """src (B, T_in) input characters, tgt (B, T_out) output characters so far, starting with BOS."""
        memory, keep, encoder = self.encode(src, position, scale)
        logits, decoder, cross = self.decode(memory, keep, tgt, position, scale)
        return TranslatorOutput(logits, encoder, decoder, cross)

    def encode(self, src: torch.Tensor, position: bool = True, scale: bool = True):
        """The encoder's output (the memory every decoding step reads), which inputs are not padding, and each
        encoder layer's attention steps."""
        keep = (src != 0)[:, None, None, :]  # (B, 1, 1, T_in): no query looks at padding
        x = self.embed(src, self.src_embed, position)
        encoder = []
        for layer in self.encoder:
            x, steps = layer(x, keep, scale)
            encoder.append(steps)
        return self.ln_enc(x), keep, tuple(encoder)

    def decode(self, memory: torch.Tensor, keep: torch.Tensor, tgt: torch.Tensor, position=True, scale=True):
        """The next-character logits after each output so far, and each decoder layer's attention steps (self,
        cross), reading the encoder's memory."""
        T_out = tgt.shape[1]
        causal = torch.ones(T_out, T_out, dtype=torch.bool).tril()  # output t sees outputs ≤ t only
        y = self.embed(tgt, self.tgt_embed, position)
        decoder, cross = [], []
        for layer in self.decoder:
            y, self_steps, cross_steps = layer(y, memory, causal, keep, scale)
            decoder.append(self_steps)
            cross.append(cross_steps)
        return self.head(self.ln_dec(y)), tuple(decoder), tuple(cross)


def build(config: Config) -> nn.Module:
    return Translator(config)


def encode_input(texts: list[str]) -> torch.Tensor:
    """Input texts -> (B, longest) indices, padded with 0, cut to MAX_INPUT; unknown characters -> 1."""
    index = {c: i for i, c in enumerate(INPUT_CHARS)}
    rows = [[index.get(c, 1) for c in t[:MAX_INPUT]] or [1] for t in texts]
    out = torch.zeros(len(rows), max(map(len, rows)), dtype=torch.long)
    for i, row in enumerate(rows):
        out[i, : len(row)] = torch.tensor(row)
    return out


def unknown(text: str) -> list[str]:
    known = set(INPUT_CHARS[2:])
    return list(dict.fromkeys(c for c in text if c not in known))


def encode_output(isos: list[str]) -> torch.Tensor:
    """ISO strings -> (B, 12): BOS, ten characters, EOS."""
    index = {c: i for i, c in enumerate(OUTPUT_CHARS)}
    return torch.tensor([[index[BOS]] + [index[c] for c in s] + [index[EOS]] for s in isos])


@torch.no_grad()
def _decode(model: Translator, src: torch.Tensor, position: bool, scale: bool) -> torch.Tensor:
    """Greedy decoding of ten characters: the output ids, BOS first. The input is encoded once: every step
    reads the same memory (the encoder was half of each step's time)."""
    tgt = torch.full((len(src), 1), OUTPUT_CHARS.index(BOS))
    memory, keep, _ = model.encode(src, position, scale)
    for _ in range(OUTPUT_LEN):
        logits = model.decode(memory, keep, tgt, position, scale)[0]
        nxt = logits[:, -1, 3:].argmax(-1) + 3  # only digits and '-' are answers
        tgt = torch.cat([tgt, nxt[:, None]], dim=1)
    return tgt


def _text(tgt: torch.Tensor) -> list[str]:
    return ["".join(OUTPUT_CHARS[i] for i in row[1:]) for row in tgt.tolist()]


@torch.no_grad()
def translate(
    model: Translator, texts: list[str], position: bool = True, scale: bool = True
) -> tuple[list[str], torch.Tensor, TranslatorOutput]:
    """Greedy decoding of ten characters; returns the answers, the output ids (BOS first) and the last pass."""
    src = encode_input(texts)
    tgt = _decode(model, src, position, scale)
    # one last pass sees every written character: its attention is what pages show
    return _text(tgt), tgt, model(src, tgt, position, scale)


BATCH = 32  # texts decoded at once by `answers`: a pass keeps every layer's attention, 184 at once took 135 MB


def answers(
    model: Translator, texts: list[str], position: bool = True, scale: bool = True, batch: int = BATCH
) -> list[str]:
    """The answers alone, as `translate` gives them, decoded `batch` texts at a time (bounded memory; the card's
    evaluation, outside the server, decodes more at once: a third less time)."""
    return [
        a
        for i in range(0, len(texts), batch)
        for a in _text(_decode(model, encode_input(texts[i : i + batch]), position, scale))
    ]


N_HELDOUT_PER_FORMAT = 1000


def heldout(fmt: str, n: int = N_HELDOUT_PER_FORMAT) -> list[tuple[str, str, str]]:
    """The fixed held-out examples of one format (the first n of them: a smaller n gives a prefix)."""
    return dates.sample("test", n, random.Random(f"heldout-{fmt}"), fmt)


def heldout_varied(kind: str, n: int = N_HELDOUT_PER_FORMAT) -> list[tuple[str, str, str]]:
    """The fixed held-out variations of one kind (dates.VARIATIONS), on held-out days."""
    return dates.sample_varied("test", n, random.Random(f"heldout-varied-{kind}"), kind)
