"""Incremental builds: reuse what did not change, decide "nothing changed" before importing the
heavy stack, and write exactly the bytes a clean build writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from museum.cli import main
from museum.commands.build import Caches, gather
from museum.project import Project

from support import REPO, tree_digest


def built(capsys, *args: str) -> str:
    """Build; returns what was printed (stdout, then stderr)."""
    assert main(["build", *args]) == 0
    printed = capsys.readouterr()
    return printed.out + printed.err


def test_a_second_build_changes_nothing_and_says_so(museum, capsys):
    out = built(capsys, "--root", str(museum.root))
    assert out.startswith(f"built {museum.root}/_site: 17 pages (")
    before = tree_digest(museum.site)
    out = built(capsys, "--root", str(museum.root))
    assert out.startswith(f"up to date: {museum.root}/_site: 17 pages; nothing changed; 0 warning(s); ")
    assert tree_digest(museum.site) == before


def test_with_the_site_untouched_a_rebuild_draws_and_renders_nothing(museum, capsys):
    built(capsys, "--root", str(museum.root))
    shutil.rmtree(museum.root / ".cache" / "builds")  # forget the last build: everything else is kept
    out = built(capsys, "--root", str(museum.root))
    assert "pages (0 rendered, 17 from the cache); figures: 0 drawn, " in out
    assert "; dossiers: 0 read, 2 from the cache; 0 warning(s); " in out


def test_touching_a_file_without_changing_it_is_no_change(museum, capsys):
    built(capsys, "--root", str(museum.root))
    path = museum.root / "specimens" / "toy-2.yaml"
    path.write_bytes(path.read_bytes())
    assert built(capsys, "--root", str(museum.root)).startswith("up to date: ")


def test_an_edit_rebuilds_only_what_shows_it_and_equals_a_clean_build(museum, tmp_path, capsys):
    built(capsys, "--root", str(museum.root))
    museum.edit("toy-1.yaml", "summary: The first of the line.", "summary: The very first of the line.")
    out = built(capsys, "-v", "--root", str(museum.root))
    assert "; dossiers: 1 read, 1 from the cache; " in out
    assert "specimens/toy-1.yaml changed: building\n" in out
    clean = tmp_path / "clean"
    shutil.copytree(museum.root, clean, ignore=shutil.ignore_patterns("_site", ".cache"))
    built(capsys, "--clean", "--root", str(clean))
    assert tree_digest(museum.site) == tree_digest(clean / "_site")


def test_clean_reuses_nothing(museum, capsys):
    built(capsys, "--root", str(museum.root))
    out = built(capsys, "--clean", "--root", str(museum.root))
    assert " pages (17 rendered, 0 from the cache); figures: " in out
    assert "; dossiers: 2 read, 0 from the cache; " in out


def test_a_changed_site_is_built_again(museum, capsys):
    built(capsys, "--root", str(museum.root))
    (museum.site / "index.html").write_text("scribbled on", encoding="utf-8")
    assert built(capsys, "--root", str(museum.root)).startswith("built ")
    assert "scribbled on" not in museum.page("index.html")


def test_strict_sees_the_warnings_of_the_last_build(museum, capsys):
    museum.edit("toy-2.yaml", "    params: {value: 1_230_000_000, source: card}\n",
                "    params: {value: 1_230_000_000, source: card}\n    hub: {repo: org/toy, revision: main, snapshot: exact}\n")  # fmt: skip
    (museum.root / "specimens" / "_hub").mkdir()
    (museum.root / "specimens" / "_hub" / "org__toy.config.json").write_text(
        '{"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,'
        ' "intermediate_size": 128, "vocab_size": 1000, "max_position_embeddings": 131072}', encoding="utf-8")  # fmt: skip
    assert "warning: variants[0].params: " in built(capsys, "--root", str(museum.root))
    assert "warning: variants[0].params: " in built(
        capsys, "--root", str(museum.root)
    )  # said again when nothing changed
    assert main(["build", "--strict", "--root", str(museum.root)]) == 1


def test_a_no_op_build_imports_none_of_the_heavy_stack(tmp_path):
    out = tmp_path / "site"
    assert main(["build", "-q", "--root", str(REPO), "--out", str(out)]) == 0
    code = ("import sys; from museum.cli import main; main(['build', '--root', sys.argv[1], '--out', sys.argv[2]]); "
            "print(sorted(m for m in ('pydantic', 'jinja2', 'matplotlib', 'huggingface_hub', 'yaml', 'markdown') "
            "if m in sys.modules))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code, str(REPO), str(out)], capture_output=True, text=True,
                            cwd=REPO, check=True)  # fmt: skip
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"up to date: {out}: ") and " pages; nothing changed; 0 warning(s); " in first
    assert result.stdout.splitlines()[1] == "[]"


def test_a_new_base_url_rebuilds_and_equals_a_clean_build(museum, tmp_path, capsys):
    """The site's address is an input: changing it (or dropping it) rebuilds, and re-renders what shows it."""
    first, second = "https://one.example/", "https://two.example/museum/"
    built(capsys, "--root", str(museum.root), "--base-url", first)
    assert built(capsys, "--root", str(museum.root), "--base-url", first).startswith("up to date: ")
    out = built(capsys, "-v", "--root", str(museum.root), "--base-url", second)
    assert f"the base URL changed (was {first}): building\n" in out
    assert "pages (17 rendered, 0 from the cache)" in out  # every page shows its address
    assert f"<loc>{second}specimens/toy-2.html</loc>" in museum.page("sitemap.xml")
    assert f'content="{second}specimens/toy-2.html"' in museum.page("specimens/toy-2.html")
    clean = tmp_path / "clean"
    shutil.copytree(museum.root, clean, ignore=shutil.ignore_patterns("_site", ".cache"))
    built(capsys, "--clean", "--root", str(clean), "--base-url", second)
    assert tree_digest(museum.site) == tree_digest(clean / "_site")
    assert "the base URL changed" in built(capsys, "-v", "--root", str(museum.root))
    assert not (museum.site / "sitemap.xml").exists() and "two.example" not in museum.page("specimens/toy-2.html")


def test_a_dev_server_enriches_again_only_what_changed(tmp_path):
    """Between a server's builds a specimen stays the same object unless its dossier or one of its
    snapshots changed (what is derived from it need not be made or hashed again)."""
    root = tmp_path / "museum"
    shutil.copytree(REPO / "specimens", root / "specimens")
    project = Project(root)
    caches = Caches.of(project, remember=True)
    before = {s.slug: s for s in gather(project, caches.dossiers)[0].specimens}
    dossier = root / "specimens" / "phi-2.yaml"
    dossier.write_text(dossier.read_text().replace("headline: ", "headline: Edited. ", 1))
    snapshot = root / "specimens" / "_hub" / "Qwen__Qwen3-0.6B.config.json"
    config = json.loads(snapshot.read_text())
    snapshot.write_text(json.dumps(config | {"max_position_embeddings": 65536}))
    after = {s.slug: s for s in gather(project, caches.dossiers)[0].specimens}
    assert {slug for slug in before if after[slug] is not before[slug]} == {"phi-2", "qwen3"}
    assert after["phi-2"].dossier.headline.startswith("Edited. ")
    assert after["qwen3"].anatomies[0].anatomy.context_length == 65536  # was 40,960 in the shipped snapshot
    assert before["qwen3"].anatomies[0].anatomy.context_length == 40960
