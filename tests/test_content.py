"""The museum's own collection: every dossier validates, every tree is whole, every claim is checked."""

import pytest

from museum.cli import main
from museum.commands.build import gather
from museum.project import Project

from support import REPO

SPECIMENS = {
    "phi-4-mini",
    "llama-3-2",
    "qwen3",
    "gemma-3",
    "smollm3",
    "bitnet-b1-58-2b4t",
    "mistral-7b",
    "mixtral-8x7b",
}
LINES = {  # each family tree, oldest first, as the issue lists it
    "phi": ["phi-1", "phi-1-5", "phi-2", "phi-3-mini", "phi-3-5-mini", "phi-4-mini"],
    "llama": ["llama-1", "llama-2", "llama-3", "llama-3-1", "llama-3-2"],
    "qwen": ["qwen-1", "qwen1-5", "qwen2", "qwen2-5", "qwen3"],
    "gemma": ["gemma-1", "gemma-2", "gemma-3"],
    "smollm": ["smollm", "smollm2", "smollm3"],
    "mistral": ["mistral-7b", "mixtral-8x7b"],
    "bitnet": ["bitnet", "bitnet-b1-58", "bitnet-b1-58-2b4t"],
}


@pytest.fixture(scope="module")
def catalog():
    found, warnings = gather(Project(REPO))
    assert warnings == []
    return found


def test_the_repository_validates_strictly_and_quietly(capsys):
    """README: "run check until it is quiet". The shipped museum is quiet, even with --strict."""
    assert main(["check", "--strict", "--root", str(REPO)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out == "ok: 27 dossiers are valid\n"


def test_the_eight_specimens_are_on_display(catalog):
    assert {s.slug for s in catalog.on_display} == SPECIMENS


def test_every_family_tree_is_whole(catalog):
    for family, line in LINES.items():
        assert [e.slug for e in catalog.members(family)] == line
        for child, parent in zip(line[1:], line, strict=False):  # each generation names the one before it
            assert parent in [p.parent for p in catalog.get(child).dossier.lineage], (child, parent)


def test_every_variant_with_a_hub_repo_has_its_anatomy(catalog):
    for specimen in catalog.specimens:
        hubbed = [v.label for v in specimen.dossier.variants if v.hub]
        assert [v.label for v in specimen.anatomies] == hubbed
        assert all(v.anatomy.total_params for v in specimen.anatomies), specimen.slug


CLAIM_FIELDS = (
    "params",
    "active_params",
    "non_embedding_params",
    "context_length",
    "vocab_size",
    "layers",
    "heads",
    "kv_heads",
    "tied_embeddings",
    "experts",
    "experts_per_token",
    "sliding_window",
)


def test_the_claims_check_ran_on_every_checkable_claim(catalog):
    for specimen in catalog.specimens:
        for v in specimen.anatomies:
            made = [f for f in CLAIM_FIELDS if getattr(v.variant, f) is not None]
            assert sorted(c.field for c in v.checks) == sorted(made), (specimen.slug, v.label)
    mixtral = {c.field: c for v in catalog.get("mixtral-8x7b").anatomies for c in v.checks}
    assert mixtral["params"].verdict == "agree" and mixtral["active_params"].verdict == "agree"
    assert mixtral["experts_per_token"].derived == 2


def test_every_disagreement_in_the_museum_is_explained(catalog):
    verdicts = [(s.slug, v.label, c.field, c.verdict) for s in catalog.specimens for v in s.anatomies for c in v.checks]
    assert [x for x in verdicts if x[3] == "disagree"] == []
    explained = {(slug, label, field) for slug, label, field, verdict in verdicts if verdict == "explained"}
    assert ("qwen3", "0.6B", "vocab_size") in explained  # 151,669 tokens; 151,936 embedding rows
    assert ("mistral-7b", "7B", "context_length") in explained  # paper 8,192; config 32,768


def test_the_seed_contradictions_are_settled_with_sources(catalog):
    questions = {s.slug: [d.question.lower() for d in s.dossier.disputes] for s in catalog.specimens}
    assert any("tie" in q for q in questions["llama-3"])
    assert any("grouped-query" in q for q in questions["llama-2"])
    llama3 = next(d for d in catalog.get("llama-3").dossier.disputes if "tie" in d.question.lower())
    kinds = {s.id: s.kind for s in catalog.get("llama-3").dossier.sources}
    assert "config" in {kinds[s] for s in llama3.sources}


def test_every_specimen_cites_a_primary_source_for_its_numbers(catalog):
    primary = {"paper", "tech-report", "model-card", "config", "blog", "repository", "documentation"}
    for specimen in catalog.on_display:
        kinds = {s.id: s.kind for s in specimen.dossier.sources}
        cited = [v.params.source for v in specimen.dossier.variants]
        assert all(kinds[c] in primary for c in cited), specimen.slug
