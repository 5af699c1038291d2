"""The second witness: the parameter count in the weights' own safetensors headers (read by
`museum.hub.weights`), set beside the formula over config.json. When the two disagree, a note
says by how much and, where the anatomy knows one, why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .model import Anatomy


def with_header_count(a: Anatomy, counts: Mapping[str, int]) -> Anatomy:
    """The anatomy with its second witness attached, and a note when the two disagree."""
    found = replace(a, header_params=dict(sorted(counts.items())))
    note = disagreement(found)
    return replace(found, notes=(*found.notes, note)) if note else found


def disagreement(a: Anatomy) -> str | None:
    """Why the safetensors headers and the formula over config.json differ, when they do."""
    if a.header_params is None or a.total_params is None:
        return None
    stored = sum(a.header_params.values())
    if stored == a.total_params:
        return None
    gap = stored - a.total_params
    text = (f"the safetensors headers hold {stored:,} numbers, config.json gives {a.total_params:,} "
            f"parameters ({gap:+,})")  # fmt: skip
    reasons = _reasons(a, gap)
    return text + (": " + "; ".join(reasons) if reasons else "")


def _reasons(a: Anatomy, gap: int) -> list[str]:
    reasons = []
    if a.extra_params and gap >= a.extra_params:
        reasons.append(f"the headers include the {a.extra_params:,} multi-token-prediction parameters")
    if a.quantization is not None:
        reasons.append(f"the weights are stored as {a.quantization.description}: packed values and their "
                       "scales count as stored elements, not logical parameters")  # fmt: skip
    if any(dtype.startswith("F8") for dtype in a.header_params or {}) and a.quantization is None:
        reasons.append("FP8 weights come with scale tensors")
    if a.tied_embeddings and a.vocab_size and a.hidden_size and gap == a.vocab_size * a.hidden_size:
        reasons.append("the checkpoint stores the tied output head a second time")
    return reasons
