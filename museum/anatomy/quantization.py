"""How a checkpoint stores its weights, read from config.json's `quantization_config`.

Logical parameters are counted the same whatever the storage; only the bytes change. Each
format stores its quantised tensors at some bits per weight plus scales (and zero points),
and keeps the rest (embeddings, the output head, norms; for MXFP4 everything but the
experts) in 16 bits. Bytes per weight, from each format's layout:

- GPTQ and AWQ: `bits` per weight packed in int32, plus per group of `group_size` weights
  one fp16 scale and one packed `bits`-wide zero point.
- bitsandbytes 4-bit (NF4/FP4): 4 bits, one fp32 absmax per block of 64 weights; with double
  quantisation the absmax is 8-bit with one fp32 scale per 256 blocks. 8-bit: 1 byte per weight
  (the per-row fp32 scales are left out: under 0.1%).
- FP8 (e4m3): 1 byte per weight, plus one fp32 scale per `weight_block_size` block when given.
- MXFP4 (gpt-oss): 4 bits per value and one 8-bit exponent scale per block of 32 values, on
  the routed experts; `modules_to_not_convert` (attention, router, embeddings, head) stay bf16.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .values import as_int, as_int_list

BF16 = 2.0  # bytes per weight kept unquantised


@dataclass(frozen=True)
class Quantization:
    """One checkpoint's storage format."""

    method: str  # quant_method: gptq, awq, bitsandbytes, fp8, mxfp4, …
    label: str  # the short word shown beside bf16/int8/int4: int4, int8, fp8, mxfp4
    description: str  # what a person reads: "GPTQ 4-bit, groups of 128"
    bytes_per_weight: float | None  # for the quantised tensors, scales included; None when unknown
    applies_to: Literal["linear", "experts"]  # every linear layer of the blocks, or the routed experts only


Reader = Callable[[Mapping[str, Any]], "Quantization"]


def read_quantization(cfg: Mapping[str, Any]) -> Quantization | None:
    """The storage format named by quantization_config, or None when there is none."""
    quant = cfg.get("quantization_config")
    if not isinstance(quant, dict):
        return None
    method = quant.get("quant_method")
    method = method.lower() if isinstance(method, str) else ""
    reader = READERS.get(method)
    if reader is not None:
        return reader(quant)
    bits = as_int(quant, "bits")
    label = f"int{bits}" if bits else method or "unknown"
    return Quantization(method or "unknown", label, f"{method or 'an unnamed method'} (layout not known to the museum)",
                        bits / 8 if bits else None, "linear")  # fmt: skip


def _grouped(name: str) -> Reader:
    def read(q: Mapping[str, Any]) -> Quantization:
        bits = as_int(q, "bits") or as_int(q, "w_bit") or 4
        group = as_int(q, "group_size") or as_int(q, "q_group_size")
        groups = f", groups of {group}" if group else ", one scale per output column"
        overhead = (BF16 + bits / 8) / group if group else 0.0
        return Quantization(name.lower(), f"int{bits}", f"{name} {bits}-bit{groups}", bits / 8 + overhead, "linear")

    return read


def _bitsandbytes(q: Mapping[str, Any]) -> Quantization:
    if q.get("load_in_8bit") is True:
        return Quantization("bitsandbytes", "int8", "bitsandbytes 8-bit (LLM.int8)", 1.0, "linear")
    kind = q.get("bnb_4bit_quant_type")
    kind = kind.upper() if isinstance(kind, str) else "FP4"
    double = q.get("bnb_4bit_use_double_quant") is True
    absmax = (1 + 4 / 256) / 64 if double else 4 / 64
    what = f"bitsandbytes 4-bit {kind}" + (" with double quantisation" if double else "")
    return Quantization("bitsandbytes", "int4", what, 0.5 + absmax, "linear")


def _fp8(q: Mapping[str, Any]) -> Quantization:
    block = as_int_list(q.get("weight_block_size"))
    fmt = q.get("fmt") if isinstance(q.get("fmt"), str) else "e4m3"
    if block and len(block) == 2:
        rows, cols = block
        return Quantization("fp8", "fp8", f"FP8 ({fmt}), one scale per {rows}×{cols} block", 1 + 4 / (rows * cols),
                            "linear")  # fmt: skip
    return Quantization("fp8", "fp8", f"FP8 ({fmt})", 1.0, "linear")


def _mxfp4(q: Mapping[str, Any]) -> Quantization:
    return Quantization("mxfp4", "mxfp4", "MXFP4 experts: 4-bit values, one 8-bit scale per 32; the rest bf16",
                        (4 + 8 / 32) / 8, "experts")  # fmt: skip


def _bitnet(q: Mapping[str, Any]) -> Quantization:
    return Quantization("bitnet", "ternary", "BitNet ternary weights (−1, 0, +1), 1.58 bits", 1.58 / 8, "linear")


READERS: dict[str, Reader] = {
    "gptq": _grouped("GPTQ"),
    "awq": _grouped("AWQ"),
    "bitsandbytes": _bitsandbytes,
    "fp8": _fp8,
    "mxfp4": _mxfp4,
    "bitnet": _bitnet,
}


def stored_bytes(q: Quantization, total: int, non_embedding: int, expert_matrices: int) -> int | None:
    """Bytes of the checkpoint: quantised tensors at their format's size, the rest at bf16."""
    if q.bytes_per_weight is None:
        return None
    quantised = expert_matrices if q.applies_to == "experts" and expert_matrices else non_embedding
    return round(quantised * q.bytes_per_weight + (total - quantised) * BF16)
