"""The dossier format: pydantic models are its single source of truth.

Validation, the JSON Schema for editors (`museum schema`) and the field table on the
"about the data" page all come from these classes. Every model is strict: an unknown key
is an error, numbers must be numbers, dates must be dates.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
SourceRef = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, description="The `id` of an entry in this dossier's `sources` list."),
]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$", description="An absolute http(s) URL.")]
Text = Annotated[str, Field(min_length=1)]

# Plausibility bounds: a value outside them is a slip of the keyboard, not a model.
EARLIEST_DATE = dt.date(2017, 1, 1)  # the Transformer paper; every model here came after it
FUTURE_DAYS = 90  # a release may be announced a little ahead, not years
MIN_PARAMS, MAX_PARAMS = 1_000_000, 2_000_000_000_000
MAX_SIZE = 100_000_000  # layers, heads, context, vocabulary…
MAX_TOKENS = 1_000_000_000_000_000


def not_far_future(value: dt.date) -> dt.date:
    """A date at most FUTURE_DAYS after today."""
    if value > dt.date.today() + dt.timedelta(days=FUTURE_DAYS):
        raise PydanticCustomError("date_in_future", "date is too far in the future", {"days": FUTURE_DAYS})
    return value


class Model(BaseModel):
    """Base for every dossier model: strict types, unknown keys forbidden."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- closed value sets ---------------------------------------------------------------


Role = Literal["specimen", "ancestor"]
SourceKind = Literal[
    "paper", "tech-report", "model-card", "config", "blog", "repository", "documentation", "news", "secondary"
]
Status = Literal["verified", "unverified"]
DatePrecision = Literal["day", "month", "year"]
Relation = Literal["successor_of", "distilled_from", "pruned_from", "finetuned_from", "same_architecture_as"]
Stage = Literal[
    "pretrain",
    "prune",
    "distill",
    "continued-pretrain",
    "long-context",
    "mid-train",
    "anneal",
    "sft",
    "rejection-sampling",
    "rlhf",
    "ppo",
    "dpo",
    "apo",
    "grpo",
    "rlvr",
    "merge",
    "qat",
]
Structure = Literal["dense", "moe"]
AttentionKind = Literal["mha", "mqa", "gqa"]
Norm = Literal["layernorm", "rmsnorm", "rmsnorm-pre-post", "subln"]
Activation = Literal["gelu", "swiglu", "geglu", "relu2"]
Position = Literal["rope", "partial-rope", "rope-nope"]
SnapshotConfidence = Literal["exact", "reconstructed", "partial"]
Mode = Literal["base", "instruct", "thinking", "non-thinking"]
Metric = Literal["acc", "acc_norm", "acc_char", "exact_match", "pass@1", "maj@8", "f1", "score", "elo", "unknown"]
Scale = Literal["percent", "out-of-10", "elo"]
Provenance = Literal["self-reported", "other-report", "independent"]
Unknown = Literal["unknown"]
# The scale each metric may be reported on; any metric not listed is a percentage.
METRIC_SCALES: dict[str, tuple[str, ...]] = {"score": ("percent", "out-of-10"), "elo": ("elo",),
                                             "unknown": ("percent", "out-of-10", "elo")}  # fmt: skip
SCALE_BOUNDS: dict[str, tuple[float, float]] = {"percent": (0, 100), "out-of-10": (0, 10), "elo": (0, 4000)}


# --- building blocks -----------------------------------------------------------------


class Source(Model):
    """A document that backs the figures of a dossier."""

    id: Slug = Field(description="Short key that figures cite in their `source` field, e.g. `l32-card`.")
    title: Text = Field(description="Title of the document as its publisher gives it.")
    url: Url = Field(description="Where the document can be read.")
    kind: SourceKind = Field(
        description="What sort of document it is; primary sources are papers, reports, cards, configs, the maker's blog and repositories."
    )
    published: dt.date | None = Field(default=None, description="Publication date, when known.")


class Figure(Model):
    """A number with the source that states it."""

    value: float = Field(
        description="The number as the source gives it (plain units: parameters, tokens, not billions).",
        ge=0,
        allow_inf_nan=False,
    )
    source: SourceRef = Field(description="The source that states this number.")
    status: Status = Field(
        default="verified",
        description="`unverified` when the number is commonly stated but no primary source confirmed it.",
    )
    note: str | None = Field(
        default=None, description="A short remark shown next to the number (rounding, conflicting reports)."
    )


class Count(Figure):
    """A whole number with its source."""

    value: int = Field(
        description="The whole number as the source gives it; write big numbers with underscores (1_230_000_000).", ge=0
    )


class Size(Count):
    """A size of at least one (layers, heads, tokens of context…), with its source."""

    value: int = Field(description="The size as the source gives it.", ge=1, le=MAX_SIZE)


class ParamCount(Count):
    """A parameter count with its source."""

    value: int = Field(
        description="Parameters, written out with underscores (1_230_000_000).", ge=MIN_PARAMS, le=MAX_PARAMS
    )


class TokenCount(Count):
    """A number of training tokens with its source."""

    value: int = Field(description="Tokens, written out with underscores (9_000_000_000_000).", ge=1, le=MAX_TOKENS)


class Flag(Model):
    """A yes/no claim with its source."""

    value: bool = Field(description="The claim.")
    source: SourceRef = Field(description="The source that states it.")
    note: str | None = Field(default=None, description="A short remark shown next to the claim.")


class License(Model):
    """The terms the weights are published under."""

    name: Text = Field(description="The licence name as its publisher gives it.")
    url: Url = Field(description="Where the licence text can be read.")
    spdx: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9.+-]+$",
        description="SPDX identifier, where one exists (e.g. `MIT`, `Apache-2.0`).",
    )
    source: SourceRef = Field(description="The source that states the licence.")


class Hub(Model):
    """Where the weights of a variant live on the Hugging Face Hub."""

    repo: str = Field(pattern=r"^[A-Za-z0-9][\w.-]*/[\w.-]+$", description="Hub repository id, `owner/name`.")
    revision: str = Field(
        pattern=r"^[\w./-]+$",
        description="Pinned revision: a 40-hex commit id, or a branch/tag when no commit id is known yet.",
    )
    snapshot: SnapshotConfidence = Field(
        description="How the shipped config.json snapshot was obtained: an `exact` copy, `reconstructed` from several partial copies, or `partial` (structural keys only)."
    )
    snapshot_note: str | None = Field(default=None, description="Doubts about the snapshot that a reader should see.")


class Variant(Model):
    """One size of a specimen, with the figures its makers claim."""

    label: Text = Field(description="The size label the makers use, e.g. `1B` or `30B-A3B`.")
    params: ParamCount = Field(description="Total parameter count claimed by the makers.")
    active_params: ParamCount | None = Field(
        default=None, description="Parameters active per token (mixture-of-experts models only)."
    )
    non_embedding_params: ParamCount | None = Field(
        default=None, description="Parameters outside the embedding tables, where the makers state it."
    )
    context_length: Size | None = Field(
        default=None, description="Longest context in tokens the makers claim for this variant."
    )
    vocab_size: Size | None = Field(default=None, description="Tokenizer vocabulary size claimed by the makers.")
    layers: Size | None = Field(default=None, description="Number of transformer blocks.")
    heads: Size | None = Field(default=None, description="Query heads per attention layer.")
    kv_heads: Size | None = Field(
        default=None, description="Key/value heads per attention layer (fewer than `heads` means GQA or MQA)."
    )
    tied_embeddings: Flag | None = Field(
        default=None, description="Whether the output layer reuses the input embedding matrix."
    )
    experts: Size | None = Field(default=None, description="Experts per mixture-of-experts layer.")
    experts_per_token: Size | None = Field(
        default=None, description="Experts a token is routed to in each MoE layer (top-k)."
    )
    sliding_window: Size | None = Field(
        default=None, description="Sliding-window size in tokens for local attention layers."
    )
    hub: Hub | None = Field(
        default=None, description="Hugging Face repository and pinned revision of this variant's weights."
    )


class DatedEvent(Model):
    """A date with the precision the sources support."""

    date: Annotated[dt.date, AfterValidator(not_far_future)] = Field(
        ge=EARLIEST_DATE,
        description="The date (for month precision, any day of that month; write the 1st); from 2017 on, and not more than 90 days ahead.",
    )
    precision: DatePrecision = Field(default="day", description="How much of the date is known.")
    source: SourceRef = Field(description="The source that gives the date.")
    note: str | None = Field(default=None, description="Conflicting reports or context.")


class Step(Model):
    """One stage of the training recipe, in order."""

    stage: Stage = Field(description="The kind of stage.")
    detail: Text = Field(description="What this stage did, in a sentence.")
    source: SourceRef = Field(description="The source that describes the stage.")


class Training(Model):
    """How the model was trained."""

    tokens: TokenCount | None = Field(
        default=None,
        description="Pre-training tokens (largest variant unless the note says otherwise); leave out when undisclosed.",
    )
    tokens_note: str | None = Field(default=None, description="Why the token count is missing, or per-variant counts.")
    data_strategy: Text = Field(description="What the training data was and why (Markdown).")
    data_source: SourceRef = Field(description="The source for the data strategy.")
    recipe: list[Step] = Field(
        min_length=1, description="The training recipe as ordered steps, e.g. pretrain → distill → SFT → DPO."
    )


class Twist(Model):
    """An architectural choice that sets the model apart."""

    name: Text = Field(description="Short name, e.g. `5:1 local/global attention`.")
    detail: Text = Field(description="What it is and why it matters, in a sentence or two.")
    source: SourceRef = Field(description="The source that describes it.")


class Architecture(Model):
    """The architecture claims shared by all variants."""

    structure: Structure = Field(description="`dense` or mixture-of-experts (`moe`).")
    attention: AttentionKind = Field(
        description="Multi-head (`mha`), multi-query (`mqa`) or grouped-query (`gqa`) attention; per-size head counts live on the variants."
    )
    normalisation: Norm = Field(description="Normalisation layers.")
    activation: Activation = Field(description="Feed-forward activation.")
    position: Position = Field(description="Position encoding: RoPE, partial RoPE, or RoPE with some NoPE layers.")
    twists: list[Twist] = Field(default_factory=list, description="What sets this architecture apart.")
    source: SourceRef = Field(description="The source for the general architecture.")


class Parent(Model):
    """An edge of the family tree."""

    parent: Slug = Field(description="Slug of the parent dossier.")
    relation: Relation = Field(description="How this model relates to the parent.")
    note: str | None = Field(default=None, description="What changed from the parent.")
    source: SourceRef = Field(description="The source that establishes the relation.")


class Benchmark(Model):
    """One score, with how it was measured and by whom."""

    benchmark: Text = Field(
        description="Benchmark name as its authors spell it; the name carries the version (`MMLU`, `MMLU-Redux`, `MMLU-Pro`, `BFCL v2`)."
    )
    variant: Text = Field(description="Label of the variant scored (must match a variant label).")
    mode: Mode = Field(
        description="The checkpoint and how it was run: `base` (pre-trained), `instruct`, or a hybrid model's `thinking` / `non-thinking` mode."
    )
    metric: Metric = Field(
        description="What was measured: `acc`, `acc_norm`, `acc_char`, `exact_match`, `pass@1`, `maj@8`, `f1`, a `score`, an `elo` rating, or `unknown`."
    )
    scale: Scale = Field(description="What the number is out of: `percent` (0–100), `out-of-10` or `elo`.")
    shots: int | Unknown = Field(description="Examples in the prompt (0 for zero-shot), or `unknown`.")
    cot: bool | Unknown = Field(description="Whether the prompt asked for chain-of-thought reasoning, or `unknown`.")
    harness: str | None = Field(default=None, description="The evaluation code used (e.g. `lighteval`), when stated.")
    provenance: Provenance = Field(
        description="`self-reported` by the model's makers; `other-report`: in another model's report; `independent`: run by an independent evaluator."
    )
    measured_by: str | None = Field(
        default=None, description="Who ran it and where it appeared; required unless `self-reported`."
    )
    score: float = Field(allow_inf_nan=False, description="The score exactly as reported, on its `scale`.")
    setting: str | None = Field(default=None, description="The setting in the source's own words, when it gives one.")
    note: str | None = Field(default=None, description="Anything a reader should know about this score.")
    source: SourceRef = Field(description="The source table.")

    @model_validator(mode="after")
    def _consistent(self) -> Benchmark:
        allowed = METRIC_SCALES.get(self.metric, ("percent",))
        if self.scale not in allowed:
            raise ValueError(f"a {self.metric} score is reported on {' or '.join(allowed)}, not {self.scale}")
        low, high = SCALE_BOUNDS[self.scale]
        if not low <= self.score <= high:
            raise ValueError(f"a score on the {self.scale} scale lies between {low:g} and {high:g}, got {self.score:g}")
        if self.provenance != "self-reported" and not self.measured_by:
            raise ValueError(f"a score that is {self.provenance} names who measured it in `measured_by`")
        return self

    @property
    def setting_key(self) -> tuple[str, str, str, str, str, str]:
        """Scores may share an axis only when all of these match."""
        return (self.benchmark, self.metric, self.scale, str(self.shots), str(self.cot), self.mode)


class Dispute(Model):
    """A question where sources disagree, and what the evidence settles."""

    question: Text = Field(description="The question, e.g. `Did Llama 3 tie its embeddings?`.")
    claims: Text = Field(description="What the disagreeing sources say.")
    verdict: Text = Field(description="What the primary source and config.json show.")
    sources: list[SourceRef] = Field(min_length=1, description="The evidence.")


class BestFor(Model):
    """What the makers recommend the model for."""

    uses: list[Text] = Field(min_length=1, description="Short phrases, one use each.")
    source: SourceRef = Field(description="The source of the recommendation.")


class Dossier(Model):
    """Everything the museum knows about one model."""

    slug: Slug = Field(description="URL-safe identifier; must equal the file name without `.yaml`.")
    name: Text = Field(description="The model's display name.")
    role: Role = Field(
        description="`specimen` (one of the eight on display) or `ancestor` (a lighter dossier that completes a family tree)."
    )
    organisation: Text = Field(description="Who made it.")
    family: Slug = Field(description="Slug of the family in `specimens/_families.yaml`.")
    released: DatedEvent = Field(description="First public release.")
    license: License = Field(description="Licence of the weights.")
    headline: Text = Field(max_length=200, description="The one-line thesis shown on the placard.")
    summary: Text = Field(description="A few paragraphs in Markdown (raw HTML is not rendered).")
    variants: list[Variant] = Field(min_length=1, description="The sizes, each with its claims and Hub repository.")
    training: Training | None = Field(
        default=None, description="Tokens, data strategy and recipe (required for specimens)."
    )
    architecture: Architecture | None = Field(default=None, description="Architecture claims (required for specimens).")
    best_for: BestFor | None = Field(default=None, description="What it is good for (required for specimens).")
    lineage: list[Parent] = Field(default_factory=list, description="Parents in the family tree.")
    benchmarks: list[Benchmark] = Field(default_factory=list, description="Maker-reported scores.")
    disputes: list[Dispute] = Field(
        default_factory=list, description="Contradictions between sources, settled with evidence."
    )
    caveats: list[Text] = Field(
        default_factory=list, description="Things a reader should know before trusting the figures (Markdown)."
    )
    tech_report: SourceRef | None = Field(
        default=None, description="The source that is the model's technical report, if any."
    )
    sources: list[Source] = Field(min_length=1, description="Every document this dossier cites.")


class Family(Model):
    """A lineage of models from one maker."""

    slug: Slug = Field(description="URL-safe identifier that dossiers name in `family`.")
    name: Text = Field(description="Display name, e.g. `Phi`.")
    organisation: Text = Field(description="Who makes the family.")
    blurb: Text = Field(description="One or two sentences on what ties the line together.")


class Families(Model):
    """The file `specimens/_families.yaml`."""

    families: list[Family] = Field(min_length=1, description="Every family the dossiers may name.")


class TimelineEvent(Model):
    """One moment in the history of open small models."""

    when: DatedEvent = Field(description="When it happened.")
    title: Text = Field(description="What happened, in a short line.")
    detail: str | None = Field(default=None, description="A sentence of context.")
    specimen: Slug | None = Field(default=None, description="The dossier this event is about, if any.")


class Timeline(Model):
    """The file `specimens/_timeline.yaml`."""

    events: list[TimelineEvent] = Field(min_length=1, description="Events in date order.")
    sources: list[Source] = Field(min_length=1, description="Every document the events cite.")


class Term(Model):
    """One entry of the glossary."""

    id: Slug = Field(description="The term's anchor on the glossary page (`glossary.html#<id>`).")
    term: Text = Field(description="The term as a reader meets it, e.g. `Grouped-query attention (GQA)`.")
    text: Text = Field(description="What it means, in two to four sentences of our own (Markdown).")
    see: list[Slug] = Field(default_factory=list, description="Ids of related terms in this glossary.")


class Glossary(Model):
    """The file `halls/glossary.yaml`."""

    terms: list[Term] = Field(min_length=1, description="Every term, in the order the page shows them.")


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `Count | None` or `list[Step]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found:
                return found
    return None
