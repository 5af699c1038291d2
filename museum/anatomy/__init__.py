"""Anatomy: a model's config.json → what it is made of. Pure; imports nothing else from the package.

- `architectures`: one record per model_type (defaults, weight recipe, attention rule, notes)
- `reading`: config.json keys → sizes; `params`: counting the stored weights
- `attention`: per-layer attention and position encoding; `memory`: KV cache, weights, devices
- `derive`: config.json → `Anatomy`; `facts`: the fact registry every page and command reads
"""

from .architectures import WITH_EMBEDDING, WITHOUT_EMBEDDING
from .attention import attention_pattern
from .derive import derive
from .facts import BY_KEY, CLAIMED, FACTS, FORMULAS, Fact, Rule, rounding_unit, summary
from .memory import (
    DEVICE_TIERS,
    PRECISIONS,
    KvCache,
    device_tier,
    flops_per_token,
    kv_cache_bytes,
    kv_cache_bytes_per_token,
    kv_cache_table,
    tiers_by_precision,
    weight_bytes,
)
from .model import Anatomy, LayerAttention
from .params import MambaShape, Mla
from .witness import with_header_count

__all__ = [
    "BY_KEY", "CLAIMED", "DEVICE_TIERS", "FACTS", "FORMULAS", "PRECISIONS", "WITHOUT_EMBEDDING", "WITH_EMBEDDING",
    "Anatomy", "Fact", "KvCache", "LayerAttention", "MambaShape", "Mla", "Rule", "attention_pattern", "derive",
    "device_tier", "flops_per_token", "kv_cache_bytes", "kv_cache_bytes_per_token", "kv_cache_table", "rounding_unit",
    "summary", "tiers_by_precision", "weight_bytes", "with_header_count",
]  # fmt: skip
