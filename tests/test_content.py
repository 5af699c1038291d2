"""The museum's own collection: every dossier validates, every tree is whole, every claim is checked."""

import pytest

from museum.builder import Project, gather
from museum.cli import main

from conftest import REPO

SPECIMENS = {"phi-4-mini", "llama-3-2", "qwen3", "gemma-3", "smollm3", "bitnet-b1-58-2b4t", "mistral-7b", "mixtral-8x7b"}
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
    found, diagnostics = gather(Project(REPO))
    assert found is not None, "\n".join(map(str, diagnostics))
    return found


def test_the_repository_validates(capsys):
    assert main(["check", "--root", str(REPO)]) == 0


def test_the_eight_specimens_are_on_display(catalog):
    assert {e.slug for e in catalog.specimens} == SPECIMENS


def test_every_family_tree_is_whole(catalog):
    for family, line in LINES.items():
        assert [e.slug for e in catalog.members(family)] == line
        for child, parent in zip(line[1:], line):  # each generation names the one before it
            assert parent in [p.parent for p in catalog.get(child).dossier.lineage], (child, parent)


def test_every_variant_with_a_hub_repo_has_its_anatomy(catalog):
    for entry in catalog.entries:
        hubbed = [v.label for v in entry.dossier.variants if v.hub]
        facts = catalog.enrichment[entry.slug]
        assert [f.variant.label for f in facts] == hubbed
        assert all(f.summary["total_params"] for f in facts), entry.slug


def test_the_claims_check_ran_on_every_checkable_claim(catalog):
    checked = [c for facts in catalog.enrichment.values() for f in facts for c in f.checks]
    assert len(checked) > 100
    mixtral = {c.field: c for f in catalog.enrichment["mixtral-8x7b"] for c in f.checks}
    assert mixtral["params"].verdict == "agree" and mixtral["active_params"].verdict == "agree"
    assert mixtral["experts_per_token"].derived == 2


def test_the_seed_contradictions_are_settled_with_sources(catalog):
    questions = {e.slug: [d.question.lower() for d in e.dossier.disputes] for e in catalog.entries}
    assert any("tie" in q for q in questions["llama-3"])
    assert any("grouped-query" in q for q in questions["llama-2"])
    llama3 = next(d for d in catalog.get("llama-3").dossier.disputes if "tie" in d.question.lower())
    kinds = {s.id: s.kind for s in catalog.get("llama-3").dossier.sources}
    assert "config" in {kinds[s] for s in llama3.sources}


def test_every_specimen_cites_a_primary_source_for_its_numbers(catalog):
    primary = {"paper", "tech-report", "model-card", "config", "blog", "repository", "documentation"}
    for entry in catalog.specimens:
        kinds = {s.id: s.kind for s in entry.dossier.sources}
        cited = [v.params.source for v in entry.dossier.variants]
        assert all(kinds[c] in primary for c in cited), entry.slug
