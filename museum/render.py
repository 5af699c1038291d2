"""The one Jinja environment, its filters, and safe Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .schema import DatedEvent

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
}
SHORT_STAGES = {"pretrain": "pre-train", "distill": "distill", "prune": "prune", "long-context": "long context",
                "mid-train": "mid-train", "continued-pretrain": "continued pre-train", "merge": "merge",
                "rejection-sampling": "rejection sampling", "qat": "QAT", "anneal": "anneal"}


def label(value: str) -> str:
    """A person's words for a closed-set value."""
    return LABELS.get(value, value)


def stage_short(value: str) -> str:
    return SHORT_STAGES.get(value, LABELS.get(value, value))


def human(n: float | int | None) -> str:
    """1_230_000_000 → '1.23B', 268_098_176 → '268M', 5e12 → '5T'."""
    if n is None:
        return "unknown"
    n = float(f"{n:.3g}")  # round first, so 999_885_952 becomes 1B, not 1e+03M
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= size:
            return f"{n / size:.3g}{suffix}"
    return f"{n:g}"


def tokens(n: int | None) -> str:
    """Context lengths: 131_072 → '128K', 4_096 → '4K'; other numbers with separators."""
    if n is None:
        return "unknown"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024}K"
    return f"{n:,}"


def number(n: float | int | None) -> str:
    if n is None:
        return "unknown"
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"


def showvalue(value: Any) -> str:
    """A claim or config value: yes/no for flags, separators for numbers, 'unknown' for nothing."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return number(value) if isinstance(value, (int, float)) else str(value)


def ticks(text: str) -> Markup:
    """`code` spans in plain text (field descriptions) as <code>, everything else escaped."""
    parts = str(escape(text)).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


def when(event: DatedEvent | dt.date) -> str:
    """A date shown only as precisely as it is known."""
    date, precision = (event.date, event.precision) if isinstance(event, DatedEvent) else (event, "day")
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return date.strftime("%b %Y")
    return f"{date.day} {date.strftime('%b %Y')}"


class _SafeLinks(Treeprocessor):
    """Drop link and image targets that are not http(s), relative or in-page."""

    def run(self, root):
        for el in root.iter():
            for attr in ("href", "src"):
                target = el.get(attr, "")
                if ":" in target.split("/")[0] and not target.startswith(("http:", "https:", "mailto:")):
                    el.set(attr, "#")


class _NoRawHtml(markdown.Extension):
    """Raw HTML in a dossier is shown as text, never passed through."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


def render_markdown(text: str) -> Markup:
    html = markdown.markdown(text, extensions=[_NoRawHtml(), "sane_lists"], output_format="html")
    return Markup(html)


def environment(templates: Path) -> jinja2.Environment:
    """The site's Jinja environment: autoescape on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=render_markdown, human=human, tokens=tokens, number=number, when=when,
        label=label, stage=stage_short, showvalue=showvalue, ticks=ticks,
    )
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
