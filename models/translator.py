"""An encoder-decoder Transformer that rewrites a human-written date as ISO YYYY-MM-DD.

Vaswani et al. (2017), "Attention Is All You Need": sinusoidal positional encoding,
an encoder of self-attention layers, a decoder whose masked self-attention looks only
at the characters already written and whose encoder-decoder (cross) attention takes
its queries from the decoder and its keys and values from the encoder. Simplified:
pre-norm layers, characters as tokens, greedy decoding. All attention is our own
(`models.attention`), so every stage can be shown.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from models import dates
from models.attention import AttentionSteps, MultiHeadAttention
from models.common import seed_everything

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
        x = x + self.drop(a)  # x = x + SelfAttention(LN(x))
        x = x + self.drop(self.mlp(self.ln2(x)))  # x = x + MLP(LN(x))
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
        y = y + self.drop(a)  # y = y + MaskedSelfAttention(LN(y))
        a, cross_steps = self.cross_attn(self.ln2(y), memory, memory_keep, scale)
        y = y + self.drop(a)  # y = y + CrossAttention(queries LN(y), keys and values from the encoder)
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
        return self.drop(x + self.pe[: ids.shape[1]] if position else x)  # x_t + PE[t]

    def forward(
        self, src: torch.Tensor, tgt: torch.Tensor, position: bool = True, scale: bool = True
    ) -> TranslatorOutput:
        """src (B, T_in) input characters, tgt (B, T_out) output characters so far, starting with BOS."""
        keep = (src != 0)[:, None, None, :]  # (B, 1, 1, T_in): no query looks at padding
        T_out = tgt.shape[1]
        causal = torch.ones(T_out, T_out, dtype=torch.bool).tril()  # output t sees outputs ≤ t only
        x = self.embed(src, self.src_embed, position)
        encoder = []
        for layer in self.encoder:
            x, steps = layer(x, keep, scale)
            encoder.append(steps)
        memory = self.ln_enc(x)
        y = self.embed(tgt, self.tgt_embed, position)
        decoder, cross = [], []
        for layer in self.decoder:
            y, self_steps, cross_steps = layer(y, memory, causal, keep, scale)
            decoder.append(self_steps)
            cross.append(cross_steps)
        return TranslatorOutput(self.head(self.ln_dec(y)), tuple(encoder), tuple(decoder), tuple(cross))


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
def translate(
    model: Translator, texts: list[str], position: bool = True, scale: bool = True
) -> tuple[list[str], torch.Tensor, TranslatorOutput]:
    """Greedy decoding of ten characters; returns the answers, the output ids (BOS first) and the last pass."""
    src = encode_input(texts)
    tgt = torch.full((len(texts), 1), OUTPUT_CHARS.index(BOS))
    for _ in range(OUTPUT_LEN):
        out = model(src, tgt, position, scale)
        nxt = out.logits[:, -1, 3:].argmax(-1) + 3  # only digits and '-' are answers
        tgt = torch.cat([tgt, nxt[:, None]], dim=1)
    out = model(
        src, tgt, position, scale
    )  # one last pass sees every written character: its attention is what pages show
    answers = ["".join(OUTPUT_CHARS[i] for i in row[1:]) for row in tgt.tolist()]
    return answers, tgt, out


RECIPE = {
    "optimizer": "AdamW",
    "lr": 1e-3,
    "weight_decay": 0.01,
    "batch_size": 128,
    "steps": 5000,
    "lr_schedule": "linear warm-up over 300 steps, then cosine to 0",
    "data": "fresh examples every step from the training days, formats uniform; held-out days never seen",
}
N_HELDOUT_PER_FORMAT = 1000


def train(name: str, seed: int, progress=None) -> tuple[nn.Module, Config, dict]:
    seed_everything(seed)
    r = random.Random(seed)
    config = Config()
    model = build(config)
    opt = torch.optim.AdamW(model.parameters(), lr=RECIPE["lr"], weight_decay=RECIPE["weight_decay"])
    steps, warmup = RECIPE["steps"], 300
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (steps - warmup))),
    )
    start = time.perf_counter()
    for step in range(steps):
        model.train()
        batch = dates.sample("train", RECIPE["batch_size"], r)
        src, tgt = encode_input([b[0] for b in batch]), encode_output([b[1] for b in batch])
        logits = model(src, tgt[:, :-1]).logits
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if progress and step % 50 == 0:
            progress(step + 1, steps, f"loss {loss.item():.4f}")
    card = {
        "data": f"generated dates, {len(dates.FORMATS)} formats; days 1900–2099 split 90/10 by a seeded shuffle (seed {dates.SPLIT_SEED})",
        "formats": {f: dates.example(f, dates.EXAMPLE, random.Random(0), noise=False) for f in dates.FORMATS},
        "recipe": RECIPE,
        "seed": seed,
        "n_params": sum(p.numel() for p in model.parameters()),
        "train_seconds": round(time.perf_counter() - start, 1),
    }
    return model, config, card


def heldout(fmt: str, n: int = N_HELDOUT_PER_FORMAT) -> list[tuple[str, str, str]]:
    """The fixed held-out examples of one format (the first n of them: a smaller n gives a prefix)."""
    return dates.sample("test", n, random.Random(f"heldout-{fmt}"), fmt)


def evaluate(model: nn.Module, name: str) -> dict:
    per_format = {}
    for fmt in dates.FORMATS:
        batch = heldout(fmt)
        answers, _, _ = translate(model, [b[0] for b in batch])
        per_format[fmt] = round(sum(a == b[1] for a, b in zip(answers, batch, strict=False)) / len(batch), 4)
    return {"test_exact_match_by_format": per_format, "test_exact_match_worst": min(per_format.values())}
