"""The architecture diagram of one variant, as DOT text, from its anatomy alone. Pure.

Token embedding → N × decoder block (norm → attention → add → norm → feed-forward → add) →
final norm → LM head, with the real sizes. Each part that departs from the recipe most small
models share — SwiGLU, grouped-query attention, RoPE, RMSNorm — is drawn in the `departure`
style, so a model's twist is visible at a glance. Multi-head latent attention (DeepSeek-V2/V3)
is drawn as such, with the compressed key/value latent it caches; a Mamba model is drawn as its
stack of selective state-space mixers, with no attention, MLP or position encoding.
"""

from __future__ import annotations

from collections.abc import Callable

from ..anatomy import BY_KEY, Anatomy, LayerAttention, Mla, attention_pattern
from ..formatting import number, tokens
from ..memo import once
from .dot import digraph, edge, label, node

SHARED_RECIPE = {"ffn": "SwiGLU", "attention": "GQA", "norm": "RMSNorm"}  # node class: the shared choice
DEPARTURE = {"class": "departure", "fillcolor": "#fbeed0", "color": "#8a6a1f", "penwidth": "1.6"}
ADD = {"shape": "circle", "label": "+", "width": "0.28", "fixedsize": "true", "class": "add", "fontsize": "12"}
RESIDUAL = {"style": "dashed", "class": "residual", "arrowhead": "none"}


def architecture_dot(a: Anatomy, link: Callable[[str], str | None] | None = None) -> str | None:
    """DOT for one variant, or None when the anatomy is too incomplete to draw. `link` turns a
    glossary term id into the URL of its entry (None when there is no entry): parts link there."""
    body = once(a, "architecture body", architecture_body)
    return None if body is None else digraph("architecture", body + (_links(a, body, link) if link else []))


def architecture_body(a: Anatomy) -> list[str] | None:
    """The diagram's nodes and edges (without glossary links), or None when too incomplete to draw."""
    if a.mamba is not None:
        return _mamba(a)
    b = a.block
    if b is None or not (a.layers and a.hidden_size and a.heads and a.kv_heads and a.vocab_size):
        return None
    return [*_stem(a), "  subgraph cluster_block {", *_block(a), "  }", edge("embedding", "stream"), *_head(a)]


FEED_FORWARD_TERMS = {"SwiGLU": "swiglu", "GeGLU": "geglu", "ReLU² GLU": "relu2"}


def glossary_terms(a: Anatomy) -> dict[str, str]:
    """node name → the glossary term that explains it."""
    if a.mamba is not None:
        terms = {"embedding": "vocabulary", "head": "tied-embeddings" if a.mamba.tied else ""}
        terms |= {name: "rmsnorm" for name in ("norm 1", "final norm")}
        return {name: term for name, term in terms.items() if term}
    b = a.block
    assert b is not None
    norm = {"RMSNorm": "rmsnorm", "LayerNorm": "layernorm"}.get(b.norm, "")
    partial = a.partial_rotary_factor not in (None, 1.0)
    nope = any(x.kind == "nope" for x in a.layer_attention)
    terms = {"embedding": "vocabulary", "attention": "" if a.mla else (_kind(a) or "").lower(), "router": "moe",
             "positions": "nope" if nope else "partial-rope" if partial else "" if b.learned_positions else "rope",
             "ffn": FEED_FORWARD_TERMS.get(b.feed_forward, ""), "experts": "moe", "latent": "kv-cache",
             "head": "tied-embeddings" if a.tied_embeddings else ""}  # fmt: skip
    terms |= {name: norm for name in ("norm 1", "norm 2", "post 1", "post 2", "final norm")}
    return {name: term for name, term in terms.items() if term}


def _links(a: Anatomy, body: list[str], link: Callable[[str], str | None]) -> list[str]:
    """Each drawn part that the glossary explains links to its entry."""
    drawn = {name for name in glossary_terms(a) if any(line.startswith(f'  "{name}" [') for line in body)}
    out = []
    for name, term in sorted(glossary_terms(a).items()):
        url = link(term)
        if name in drawn and url:
            out.append(node(name, href=url, target="_top", tooltip=f"Glossary: {term}"))
    return out


def _style(part: str, value: str | None, **extra: str | None) -> dict[str, str | None]:
    """A node's attributes: the departure style when `value` is not the shared recipe's."""
    departs = part in SHARED_RECIPE and value is not None and value != SHARED_RECIPE[part]
    return {**extra, **(DEPARTURE if departs else {"class": part})}


def _stem(a: Anatomy) -> list[str]:
    b = a.block
    assert b is not None and a.hidden_size and a.vocab_size
    positions = (
        f"+ learned positions {number(a.context_length)} × {number(a.hidden_size)}" if b.learned_positions else ""
    )
    embedding = DEPARTURE if b.learned_positions else {"class": "embedding"}  # a learned table is not RoPE
    return [
        node("tokens", shape="plaintext", style="", label=label("Tokens in", f"context {tokens(a.context_length)}"),
             **{"class": "io"}),
        node("embedding", label=label("Token embedding", f"{number(a.vocab_size)} × {number(a.hidden_size)}",
                                      positions), **embedding),
        edge("tokens", "embedding"),
    ]  # fmt: skip


def _block(a: Anatomy) -> list[str]:
    b = a.block
    assert b is not None
    lines = [
        f'    label={label(f"× {a.layers} decoder blocks", _block_note(a))}; labeljust="l";',
        '    style="rounded,dashed"; color="#8c7f6e"; fontcolor="#2a2520"; class="block";',
        node("stream", shape="point", width="0.06", label="", **{"class": "stream"}),
        node("norm 1", label=label(b.norm), **_style("norm", b.norm)),
        node("attention", label=_attention_label(a), **(DEPARTURE if a.mla else _style("attention", _kind(a)))),
        node("positions", label=_positions_label(a), shape="note", **_positions_style(a)),
        '    { rank=same; "attention"; "positions"; }',
        edge("positions", "attention", style="dotted", arrowhead="none"),
        edge("stream", "norm 1"),
        edge("norm 1", "attention", label=" queries" if a.mla else None),
        *_latent(a),
    ]
    return lines + (_parallel(a) if b.parallel else _sequential(a))


def _latent(a: Anatomy) -> list[str]:
    """MLA: keys and values come from one compressed latent (with a shared RoPE key), which is what
    a serving runtime caches, instead of per-head keys and values."""
    m = a.mla
    if m is None:
        return []
    latent = label("Key/value latent", f"{number(a.hidden_size)} → {number(m.kv_lora_rank)} (+ {m.qk_rope_head_dim}"
                   " shared RoPE key)", f"cached: {number(m.kv_lora_rank + m.qk_rope_head_dim)} values per token",
                   f"expanded to {a.heads} heads' keys and values")  # fmt: skip
    return [node("latent", label=latent, shape="cylinder", **DEPARTURE),
            edge("norm 1", "latent"), edge("latent", "attention", label=" k, v")]  # fmt: skip


def _sequential(a: Anatomy) -> list[str]:
    """Pre-norm blocks (with Gemma's extra norms after attention and the MLP)."""
    b = a.block
    assert b is not None
    post = b.norms_per_layer == 4
    out = [node("add 1", **ADD), node("norm 2", label=label(b.norm), **_style("norm", b.norm))]
    if post:
        out += [node("post 1", label=label(f"{b.norm} (after)"), **_style("norm", b.norm)),
                node("post 2", label=label(f"{b.norm} (after)"), **_style("norm", b.norm)),
                edge("attention", "post 1"), edge("post 1", "add 1")]  # fmt: skip
    else:
        out.append(edge("attention", "add 1"))
    ffn_in, ffn_out = _feed_forward(a, out)
    out += [edge("add 1", "norm 2"), edge("norm 2", ffn_in), node("add 2", **ADD)]
    out += [edge(ffn_out, "post 2"), edge("post 2", "add 2")] if post else [edge(ffn_out, "add 2")]
    out += [edge("stream", "add 1", **RESIDUAL, constraint="false"),
            edge("add 1", "add 2", **RESIDUAL, constraint="false")]  # fmt: skip
    return out


def _parallel(a: Anatomy) -> list[str]:
    """One norm feeds attention and the MLP side by side; both add to the stream (Phi-1, -2)."""
    out: list[str] = []
    ffn_in, ffn_out = _feed_forward(a, out)
    out += [node("add", **ADD), edge("norm 1", ffn_in), edge("attention", "add"), edge(ffn_out, "add"),
            f'    {{ rank=same; "attention"; "{ffn_in}"; }}',
            edge("stream", "add", **RESIDUAL, constraint="false")]  # fmt: skip
    return out


def _feed_forward(a: Anatomy, out: list[str]) -> tuple[str, str]:
    """Adds the feed-forward node(s) to `out`; returns the names of its first and last node."""
    b = a.block
    assert b is not None
    ternary = "ternary weights (−1, 0, +1)" if a.quantized_weights == "ternary" else ""
    sub = f"+ {b.norm} inside (SubLN)" if b.sub_norms else ""
    sizes = f"{number(a.hidden_size)} → {number(a.intermediate_size)} → {number(a.hidden_size)}"
    if not a.is_moe:
        out.append(node("ffn", label=label(b.feed_forward, sizes, ternary, sub),
                        **_style("ffn", b.feed_forward)))  # fmt: skip
        return "ffn", "ffn"
    sparse = sum(a.sparse_layers)
    where = f"in {sparse} of {a.layers} layers" if a.layers and sparse < a.layers else ""
    out += [
        node("router", label=label("Router", f"{a.experts} experts, top-{a.experts_per_token}", where),
             **{"class": "router"}),
        node("experts", label=label(f"{a.experts_per_token} of {a.experts} experts", f"each a {b.feed_forward}",
                                    sizes, ternary), **_style("ffn", b.feed_forward)),
        edge("router", "experts", label=f" top-{a.experts_per_token}"),
    ]  # fmt: skip
    return "router", "experts"


def _head(a: Anatomy) -> list[str]:
    b = a.block
    assert b is not None
    tied = a.tied_embeddings is True
    head = label("LM head", f"{number(a.hidden_size)} → {number(a.vocab_size)}",
                 "shares the embedding's weights" if tied else "its own weights (untied)")  # fmt: skip
    last = "add" if b.parallel else "add 2"
    out = [
        node("final norm", label=label(f"Final {b.norm}"), **_style("norm", b.norm)),
        node("head", label=head, **{"class": "head"}),
        node("next", shape="plaintext", style="", label=label("Next-token scores", f"{number(a.vocab_size)} logits"),
             **{"class": "io"}),
        edge(last, "final norm", ltail="cluster_block"),
        edge("final norm", "head"),
        edge("head", "next"),
    ]  # fmt: skip
    if tied:
        out.append(edge("head", "embedding", style="dashed", constraint="false", label=" tied", dir="both",
                        arrowhead="none", arrowtail="none", **{"class": "tied"}))  # fmt: skip
    return out


def _kind(a: Anatomy) -> str | None:
    value = BY_KEY["attention_kind"].value(a)
    return value if isinstance(value, str) else None


def _attention_label(a: Anatomy) -> str:
    b = a.block
    assert b is not None and a.heads and a.kv_heads
    if a.mla is not None:
        return _mla_label(a, a.mla)
    kind = _kind(a)
    ratio = f" {a.heads // a.kv_heads} : 1" if kind == "GQA" else ""
    extras = [x for x, on in (("QK-norm", b.qk_norm), ("q, k, v biases", b.qkv_bias)) if on]
    return label(
        f"Attention · {kind}{ratio}",
        f"{a.heads} query / {a.kv_heads} KV heads × {number(a.head_dim)}",
        _pattern_words(a.layer_attention),
        " · ".join(extras),
        "ternary weights (−1, 0, +1)" if a.quantized_weights == "ternary" else "",
        f"+ {b.norm} inside (SubLN)" if b.sub_norms else "",
    )


def _mla_label(a: Anatomy, m: Mla) -> str:
    """Multi-head latent attention: per-head query/key and value widths, and the query path."""
    query = (f"queries through a {number(m.q_lora_rank)} latent" if m.q_lora_rank
             else "queries projected at full rank")  # fmt: skip
    return label(
        "Multi-head latent attention (MLA)",
        f"{a.heads} heads × q, k {m.qk_nope_head_dim} + {m.qk_rope_head_dim} RoPE, v {m.v_head_dim}",
        query,
        _pattern_words(a.layer_attention),
    )


def _mamba(a: Anatomy) -> list[str]:
    """A Mamba stack: embedding → N × (RMSNorm → selective-scan mixer → add) → final RMSNorm → head."""
    m = a.mamba
    assert m is not None
    mixer = label("Mamba mixer · selective scan", f"in_proj {number(m.hidden)} → 2 × {number(m.inner)}",
                  f"causal conv1d, kernel {m.conv}", f"state {number(m.inner)} × {m.state}, Δ rank {m.dt_rank}",
                  f"out_proj {number(m.inner)} → {number(m.hidden)}",
                  "no attention, no KV cache; no MLP")  # fmt: skip
    head = label("LM head", f"{number(m.hidden)} → {number(m.vocab)}",
                 "shares the embedding's weights" if m.tied else "its own weights (untied)")  # fmt: skip
    out = [
        node("tokens", shape="plaintext", style="", label=label("Tokens in", "positions: none (the scan is ordered)"),
             **{"class": "io"}),
        node("embedding", label=label("Token embedding", f"{number(m.vocab)} × {number(m.hidden)}"),
             **{"class": "embedding"}),
        edge("tokens", "embedding"),
        "  subgraph cluster_block {",
        f'    label={label(f"× {m.layers} Mamba blocks", "a state-space mixer in place of attention and MLP")}; '
        'labeljust="l";',
        '    style="rounded,dashed"; color="#8c7f6e"; fontcolor="#2a2520"; class="block";',
        node("stream", shape="point", width="0.06", label="", **{"class": "stream"}),
        node("norm 1", label=label("RMSNorm"), **{"class": "norm"}),
        node("mixer", label=mixer, **{**DEPARTURE, "class": "departure mixer"}),
        node("add 1", **ADD),
        edge("stream", "norm 1"), edge("norm 1", "mixer"), edge("mixer", "add 1"),
        edge("stream", "add 1", **RESIDUAL, constraint="false"),
        "  }",
        edge("embedding", "stream"),
        node("final norm", label=label("Final RMSNorm"), **{"class": "norm"}),
        node("head", label=head, **{"class": "head"}),
        node("next", shape="plaintext", style="", label=label("Next-token scores", f"{number(m.vocab)} logits"),
             **{"class": "io"}),
        edge("add 1", "final norm", ltail="cluster_block"), edge("final norm", "head"), edge("head", "next"),
    ]  # fmt: skip
    if m.tied:
        out.append(edge("head", "embedding", style="dashed", constraint="false", label=" tied", dir="both",
                        arrowhead="none", arrowtail="none", **{"class": "tied"}))  # fmt: skip
    return out


def _pattern_words(layers: tuple[LayerAttention, ...]) -> str:
    """'5 local (512) : 1 global', 'sliding window 4,096 on every layer', '' when all global."""
    windows = {x.window for x in layers if x.kind == "sliding"}
    if not windows:
        return ""
    if all(x.kind == "sliding" for x in layers):
        return f"sliding window {number(windows.pop())} on every layer"
    pattern = attention_pattern(layers) or ""
    for window in windows:
        pattern = pattern.replace(f"sliding({window})", f"local ({number(window)}-token window)")
    return pattern


def _positions_label(a: Anatomy) -> str:
    b = a.block
    assert b is not None
    if b.learned_positions:
        return label("Positions", "learned table, added to the embedding")
    text = str(BY_KEY["position_encoding"].value(a) or "")
    scaling = f"{a.rope_scaling} scaling" if a.rope_scaling else ""
    theta = f"base {number(a.rope_theta)}" if a.rope_theta else ""
    local = f"local layers: base {number(a.rope_local_theta)}" if a.rope_local_theta else ""
    first, _, nope = text.partition("; ")
    decoupled = (f"decoupled: {a.mla.qk_rope_head_dim} of {a.mla.qk_nope_head_dim + a.mla.qk_rope_head_dim} "
                 "query/key dims per head" if a.mla else "")  # fmt: skip
    return label("Positions", first, decoupled, nope, " · ".join(x for x in (theta, scaling) if x), local)


def _positions_style(a: Anatomy) -> dict[str, str | None]:
    b = a.block
    assert b is not None
    partial = a.partial_rotary_factor not in (None, 1.0)
    nope = any(x.kind == "nope" for x in a.layer_attention)
    decoupled = a.mla is not None  # MLA rotates a separate slice of each query and key
    return {**DEPARTURE} if b.learned_positions or partial or nope or decoupled else {"class": "positions"}


def _block_note(a: Anatomy) -> str:
    b = a.block
    assert b is not None
    if b.parallel:
        return "attention and MLP side by side"
    return "norms before and after each part" if b.norms_per_layer == 4 else ""
