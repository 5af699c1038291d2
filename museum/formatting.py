"""How values read to a person: numbers, sizes, dates and the words for closed value sets.

The one place that formats. Pure functions of plain values (no Jinja, no dossier types), so
that every layer — diagnostics, `museum inspect`, the pages — shows a value the same way.
`FORMATS` maps the format names of the fact registry to their functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

UNKNOWN = "unknown"
SEPARATOR = "; "  # between the parts of one value: "128 MiB at 4K; 1.00 GiB at 32K"

LABELS: dict[str, str] = {
    # training stages
    "pretrain": "pre-training", "prune": "pruning", "distill": "distillation",
    "continued-pretrain": "continued pre-training", "long-context": "long-context extension",
    "mid-train": "mid-training", "anneal": "annealing", "sft": "SFT",
    "rejection-sampling": "rejection sampling", "rlhf": "RLHF", "ppo": "PPO", "dpo": "DPO",
    "apo": "APO", "grpo": "GRPO", "rlvr": "RLVR", "merge": "model merging", "qat": "quantisation-aware training",
    # architecture
    "dense": "dense", "moe": "mixture of experts", "mha": "multi-head (MHA)", "mqa": "multi-query (MQA)",
    "gqa": "grouped-query (GQA)", "layernorm": "LayerNorm", "rmsnorm": "RMSNorm",
    "rmsnorm-pre-post": "RMSNorm before and after each block", "subln": "SubLN (extra RMSNorms inside blocks)",
    "gelu": "GELU", "swiglu": "SwiGLU", "geglu": "GeGLU", "relu2": "squared ReLU (ReLU²)",
    "rope": "RoPE", "partial-rope": "partial RoPE", "rope-nope": "RoPE with NoPE layers",
    # relations
    "successor_of": "successor of", "distilled_from": "distilled from", "pruned_from": "pruned from",
    "finetuned_from": "fine-tuned from", "same_architecture_as": "same architecture as",
    # sources and snapshots
    "tech-report": "technical report", "model-card": "model card", "exact": "exact copy",
    "reconstructed": "reconstructed", "partial": "partial (structural keys only)",
    # who measured a score
    "self-reported": "self-reported", "other-report": "another model's report", "independent": "independent",
    # claims check verdicts
    "agree": "✓ agrees", "disagree": "✗ disagrees", "explained": "≠ explained", "unchecked": "not checkable",
    # device tiers
    "phone": "a phone (4 GiB)", "laptop": "a laptop (16 GiB)", "gpu-24gb": "one 24 GB GPU",
    "gpu-80gb": "one 80 GB GPU", "server": "a server (several GPUs)",
}  # fmt: skip
SHORT_STAGES = {"pretrain": "pre-train", "distill": "distill", "prune": "prune", "long-context": "long context",
                "mid-train": "mid-train", "continued-pretrain": "continued pre-train", "merge": "merge",
                "rejection-sampling": "rejection sampling", "qat": "QAT", "anneal": "anneal"}  # fmt: skip


def label(value: str) -> str:
    """A person's words for a closed-set value."""
    return LABELS.get(value, value)


def stage_short(value: str) -> str:
    return SHORT_STAGES.get(value, LABELS.get(value, value))


def human(n: float | None) -> str:
    """1_230_000_000 → '1.23B', 268_098_176 → '268M', 5e12 → '5T'."""
    if n is None:
        return UNKNOWN
    n = float(f"{n:.3g}")  # round first, so 999_885_952 becomes 1B, not 1e+03M
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= size:
            return f"{n / size:.3g}{suffix}"
    return f"{n:g}"


def tokens(n: int | None) -> str:
    """Context lengths: 131_072 → '128K', 4_096 → '4K'; other numbers with separators."""
    if n is None:
        return UNKNOWN
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024}K"
    return f"{n:,}"


def number(n: float | None) -> str:
    """1235814400 → '1,235,814,400'; 0.5 → '0.50'; 10000.0 → '10,000'."""
    if n is None:
        return UNKNOWN
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"


def params(n: int | None) -> str:
    """An exact stored count with its short form: '1,235,814,400 (1.24B)'."""
    return UNKNOWN if n is None else f"{number(n)} ({human(n)})"


def yes_no(value: bool | None) -> str:
    return UNKNOWN if value is None else ("yes" if value else "no")


def value(v: Any) -> str:
    """Any claim or config value: yes/no for flags, separators for numbers, 'unknown' for nothing."""
    if v is None:
        return UNKNOWN
    if isinstance(v, bool):
        return yes_no(v)
    return number(v) if isinstance(v, int | float) else str(v)


def ratio(n: float | None) -> str:
    """4.0 → '4 : 1'; 0.75 → '0.75'."""
    if n is None:
        return UNKNOWN
    return f"{n:g} : 1" if n >= 1 else f"{n:g}"


def size(n: float | None) -> str:
    """Bytes in binary units: '2.30 GiB' from 256 MiB up, '512 MiB', '32 KiB' below."""
    if n is None:
        return UNKNOWN
    for unit, name, digits in ((2**30, "GiB", 2), (2**20, "MiB", 0), (2**10, "KiB", 0)):
        if n >= unit * (0.25 if unit == 2**30 else 1):
            return f"{n / unit:,.{digits}f} {name}"
    return f"{n:,.0f} B"


def flops(n: float | None) -> str:
    """2_471_628_800 → '2.47 GFLOPs'."""
    if n is None:
        return UNKNOWN
    for unit, prefix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= unit:
            return f"{n / unit:.3g} {prefix}FLOPs"
    return f"{n:g} FLOPs"


def kv_cache(rows: list[Mapping[str, Any]] | None) -> str:
    """[{tokens, bytes}, …] → '128 MiB at 4K; 1.00 GiB at 32K'."""
    if not rows:
        return UNKNOWN
    return SEPARATOR.join(f"{size(row['bytes'])} at {tokens(row['tokens'])}" for row in rows)


def weights(sizes: Mapping[str, int] | None) -> str:
    """{precision: bytes} → 'bf16 2.30 GiB; int8 1.15 GiB; int4 589 MiB'."""
    if not sizes:
        return UNKNOWN
    return SEPARATOR.join(f"{precision} {size(n)}" for precision, n in sizes.items())


def text(v: Any) -> str:
    return UNKNOWN if v is None else str(v)


def when(date: dt.date, precision: str = "day") -> str:
    """A date shown only as precisely as it is known: '1 May 2024', 'May 2024', '2024'."""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return date.strftime("%b %Y")
    return f"{date.day} {date.strftime('%b %Y')}"


FORMATS: dict[str, Callable[[Any], str]] = {
    "count": number, "human": human, "params": params, "tokens": tokens, "flag": yes_no, "text": text,
    "ratio": ratio, "bytes": size, "kv": kv_cache, "weights": weights, "flops": flops,
    "tier": lambda tier: label(tier) if tier else UNKNOWN,
}  # fmt: skip


def show(format_name: str, v: Any) -> str:
    """A value in the named format of the fact registry."""
    return FORMATS[format_name](v)
