"""The hostile corpus: broken and malicious dossiers, side files and snapshots (tests/hostile/).

Each case in tests/hostile/cases.yaml changes a small valid museum that has been built once,
runs `museum build`, and must give exactly the lines it lists on stderr, the exit status the
README promises (1 for invalid input), no traceback and no internal error, and leave `_site/`
byte for byte as it was. Cases that are valid (a BOM, CRLF, emoji, right-to-left text) must
build and show their text intact. Injected markup is checked in Chromium at the end.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from museum.cli import main

from support import SPECIMEN, Museum, html, text_of, tree_digest

HERE = Path(__file__).resolve().parent / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
HUB_LINE = "    context_length: {value: 131_072, source: card}\n"
HUB = HUB_LINE + "    hub: {repo: toy/toy-2, revision: main, snapshot: exact}\n"
SNAPSHOT = "_hub/toy__toy-2.config.json"


def base(root: Path, with_hub: bool) -> Path:
    """The valid museum every case starts from, built once; with_hub adds a config.json snapshot."""
    museum = Museum(root)
    if with_hub:
        museum.edit("toy-2.yaml", HUB_LINE, HUB)
        (root / "specimens" / "_hub").mkdir()
        shutil.copy(HERE / "files" / "good.config.json", root / "specimens" / SNAPSHOT)
    assert main(["build", "--strict", "--root", str(root)]) == 0
    return root


@pytest.fixture(scope="session")
def bases(tmp_path_factory) -> dict[bool, Path]:
    folder = tmp_path_factory.mktemp("hostile-bases")
    return {hub: base(folder / f"hub-{hub}", hub) for hub in (False, True)}


def apply(case: dict[str, Any], specimens: Path) -> None:
    """Make the case's changes to a museum's specimens/ folder."""
    for name, pairs in case.get("edit", {}).items():
        text = (specimens / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        (specimens / name).write_text(text, encoding="utf-8")
    for name, text in case.get("write", {}).items():
        (specimens / name).write_text(text, encoding="utf-8")
    for name, source in case.get("copy", {}).items():
        shutil.copy(HERE / "files" / source, specimens / name)
    for name, spec in case.get("make", {}).items():
        (specimens / name).write_bytes(generate(spec, specimens / name))
    for name, target in case.get("link", {}).items():
        (specimens / name).unlink(missing_ok=True)
        (specimens / name).symlink_to(target)
    for name in case.get("mkdir", []):
        (specimens / name).mkdir()
    for name in case.get("remove", []):
        (specimens / name).unlink()


def generate(spec: dict[str, Any], path: Path) -> bytes:
    """Files too big or too odd to keep in the corpus, made from a short recipe."""
    kind, arg = next(iter(spec.items()))
    if kind == "nest":  # name: [[[[…  arg levels deep
        return ("name: " + "[" * arg + "\n").encode()
    if kind == "indent":  # arg levels of block mappings
        return "".join(f"{'  ' * i}k{i}:\n" for i in range(arg)).encode() + b"  " * arg + b"x: 1\n"
    if kind == "size":  # arg bytes of a YAML comment or JSON whitespace
        return b"#" * arg if path.suffix == ".yaml" else b"{" + b" " * arg + b"}"
    if kind == "long":  # the file with one key's value made arg[1] characters long
        key, length = arg
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        return "".join(f"{key}: {'x' * length}\n" if line.startswith(f"{key}:") else line for line in lines).encode()
    if kind == "same":  # a copy of another file
        return (path.parent / arg).read_bytes()
    if kind == "bom":
        return b"\xef\xbb\xbf" + (path.parent / arg).read_bytes()
    if kind == "crlf":
        return (path.parent / arg).read_bytes().replace(b"\n", b"\r\n")
    raise ValueError(f"unknown recipe {kind}")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case, bases, tmp_path, monkeypatch, capsys):
    root = tmp_path / "museum"
    shutil.copytree(bases[bool(case.get("hub"))], root, symlinks=True)
    before = tree_digest(root / "_site")
    apply(case, root / "specimens")
    monkeypatch.chdir(root)
    status = main(["build", *case.get("args", []), "--root", "."])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert status == case.get("exit", 1), err
    if status != 0:
        assert tree_digest(root / "_site") == before
    assert err == case["expect"]
    for page, texts in case.get("shows", {}).items():
        shown = text_of(html((root / "_site" / page).read_text(encoding="utf-8")))
        assert [t for t in texts if t not in shown] == []


def test_the_corpus_is_big_and_every_case_is_named_once():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 60
    assert all(c["expect"].endswith("\n") or c.get("exit") == 0 for c in CASES)


def test_the_base_dossier_is_the_one_in_support():
    """The corpus edits the support module's SPECIMEN; an edit of it must not silently void cases."""
    assert HUB_LINE in SPECIMEN


# --- injected markup, in every free-text field, in a real browser -----------------------------

PAYLOAD = '<script>alert("s")</script><img src=x onerror=alert("i")> [m](javascript:alert("m")) <b>bold</b>'
EXTRAS = {  # optional free-text fields the base dossier leaves out, so that every one is tried
    "caveats": ["c"],
    "disputes": [{"question": "q", "claims": "c", "verdict": "v", "sources": ["card"]}],
    "benchmarks": [
        {
            "benchmark": "b",
            "setting": "s",
            "variant": "1B",
            "mode": "base",
            "metric": "acc",
            "scale": "percent",
            "shots": 0,
            "cot": False,
            "harness": "h",
            "provenance": "independent",
            "measured_by": "m",
            "note": "n",
            "score": 50.5,
            "source": "card",
        }
    ],
}


def inject(data: Any, valid) -> Any:
    """Append PAYLOAD to every text leaf that stays valid with it (free text, not slugs or URLs)."""
    leaves = list(_text_leaves(data, ()))
    for loc in leaves:
        parent = _at(data, loc[:-1])
        old = parent[loc[-1]]
        parent[loc[-1]] = old + " " + PAYLOAD
        if not valid(data):
            parent[loc[-1]] = old
    return data


def _text_leaves(data: Any, loc: tuple) -> Any:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            yield (*loc, key)
        else:
            yield from _text_leaves(value, (*loc, key))


def _at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data


def _valid(model):
    def check(data: Any) -> bool:
        try:
            model.model_validate(data)
        except ValueError:
            return False
        return True

    return check


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, int]:
    """A museum whose every free-text field (dossiers, families, timeline) carries PAYLOAD, built."""
    from museum.dossiers.schema import Dossier, Families, Timeline

    museum = Museum(tmp_path_factory.mktemp("injected") / "museum")
    specimens = museum.root / "specimens"
    dossier = {**yaml.safe_load(SPECIMEN), **EXTRAS}
    dossier["released"] = {**dossier["released"], "note": "n"}
    timeline = {"events": [{"when": {"date": dossier["released"]["date"], "source": "s"}, "title": "t",
                            "detail": "d", "specimen": "toy-2"}],
                "sources": [{"id": "s", "title": "t", "url": "https://example.org/s", "kind": "news"}]}  # fmt: skip
    files = {"toy-2.yaml": (dossier, Dossier), "_timeline.yaml": (timeline, Timeline),
             "_families.yaml": (yaml.safe_load((specimens / "_families.yaml").read_text()), Families)}  # fmt: skip
    count = 0
    for name, (data, model) in files.items():
        before = len([1 for _ in _text_leaves(data, ())])
        injected_data = inject(data, _valid(model))
        count += sum(PAYLOAD in _at(injected_data, loc) for loc in _text_leaves(injected_data, ()))
        assert before
        (specimens / name).write_text(yaml.safe_dump(injected_data, allow_unicode=True, sort_keys=False))
    assert main(["build", "--root", str(museum.root)]) == 0
    return museum.site, count


def test_injected_markup_is_shown_as_text_and_never_runs(injected, browser):
    site, fields = injected
    assert fields >= 25  # every free-text field of a dossier, a family and a timeline event
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss())
    pages = sorted(site.rglob("*.html"))
    shown = 0
    for path in pages:
        page.goto(path.as_uri())
        found = page.evaluate("""() => ({
            scripts: [...document.querySelectorAll('script')].filter(s => !(
                (s.type === 'application/json' && s.id.endsWith('-data') && JSON.parse(s.textContent)) ||
                /(^|\\/)assets\\/[a-z]+\\.js$/.test(s.getAttribute('src') || ''))).length,
            handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
            bad_links: [...document.querySelectorAll('[href], [src]')].map(e => e.getAttribute('href') || e.getAttribute('src'))
                .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u)).length,
            bold: document.querySelectorAll('b').length,
            text: document.body.innerText,
        })""")
        assert (found["scripts"], found["handlers"], found["bad_links"], found["bold"]) == (0, 0, 0, 0), path.name
        shown += found["text"].count('<script>alert("s")</script>')
    page.close()
    assert dialogs == []
    assert shown >= fields  # the markup is there, as text, at least once per field
