"""`make bench`: the museum's build and authoring loop, timed, beside Hugo, Pelican and MkDocs.

Prints one table of medians over BENCH_RUNS runs (default 3; a 1,000-specimen cold build runs
once). Goals are reported beside each figure, never asserted. Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from synthetic import REPO, make_museum, markdown_pages

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000").split(",") if n]
PY = str(REPO / ".venv" / "bin" / "python")
TOOLS = REPO / ".venv-bench" / "bin"
RSS = [sys.executable, "-c",
       "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
       "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"]  # fmt: skip
rows: list[tuple[str, str, str, str]] = []  # what, median, peak RSS, goal


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one command."""
    start = time.perf_counter()
    out = subprocess.run(RSS + cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, int(out.split()[-1]) // 1024


def median(runs: int, once: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    results = [once() for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def row(what: str, result: tuple[float, int] | float, goal: str = "") -> float:
    seconds, rss = result if isinstance(result, tuple) else (result, 0)
    rows.append((what, f"{seconds:.3f} s", f"{rss} MB" if rss else "", goal))
    print(f"  {what}: {seconds:.3f} s", file=sys.stderr, flush=True)
    return seconds


def ours(root: Path, *args: str) -> list[str]:
    return [PY, str(REPO / "build.py"), "-q", "build", "--root", str(root), *args]


def edit(path: Path, i: int) -> None:
    text = path.read_text(encoding="utf-8")
    marker = text.split("headline: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"headline: {marker}", f"headline: Edit {i} {marker.split(' ', 2)[-1]}", 1))


def bench_museum(name: str, root: Path, cold_runs: int) -> dict[str, float]:
    """Cold (--clean), no-op and one-dossier edit builds of one museum."""
    cold = median(cold_runs, lambda: timed(ours(root, "--clean")))
    out = {"cold": row(f"{name}: cold --clean", cold), "cold_rss": float(cold[1])}
    out["noop"] = row(f"{name}: no-op", median(RUNS, lambda: timed(ours(root))))
    dossier = next(p for p in sorted((root / "specimens").glob("[!_]*.yaml")))
    counter = iter(range(1000))
    out["edit"] = row(f"{name}: one-dossier edit",
                      median(RUNS, lambda: (edit(dossier, next(counter)), timed(ours(root)))[1]))  # fmt: skip
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, server: subprocess.Popen[bytes] | None = None, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server for {url} exited with {server.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never answered")


def save_to_browser(cmd: list[str], url: str, page_file: Path, marker_of: Callable[[int], str],
                    write: Callable[[int], None]) -> float:  # fmt: skip
    """Median seconds from writing a file to the open page showing it, over RUNS+2 saves."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(url, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            time.sleep(1.0)
            times = []
            for i in range(RUNS + 2):
                start = time.perf_counter()
                write(i)
                page.wait_for_function(f"!!document.body && document.body.innerText.includes({marker_of(i)!r})", polling="raf",
                                       timeout=120_000)  # fmt: skip
                times.append(time.perf_counter() - start)
                time.sleep(0.5)
            browser.close()
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_ours(root: Path) -> float:
    port = free_port()
    dossier = root / "specimens" / "phi-2.yaml"
    original = dossier.read_text(encoding="utf-8")

    def write(i: int) -> None:
        dossier.write_text(original.replace("headline: ", f"headline: Saved {i}. ", 1), encoding="utf-8")

    cmd = [PY, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)]
    try:
        return save_to_browser(cmd, f"http://127.0.0.1:{port}/specimens/phi-2.html", dossier,
                               lambda i: f"Saved {i}.", write)  # fmt: skip
    finally:
        dossier.write_text(original, encoding="utf-8")


# --- the same content for Hugo, Pelican and MkDocs ---------------------------------------


def write_others(museum: Path, where: Path) -> dict[str, Path]:
    pages = markdown_pages(museum)
    shutil.rmtree(where, ignore_errors=True)
    hugo, pelican, mkdocs = where / "hugo", where / "pelican", where / "mkdocs"
    for folder in (hugo / "content", hugo / "layouts" / "_default", pelican / "content", mkdocs / "docs"):
        folder.mkdir(parents=True)
    (hugo / "hugo.toml").write_text(
        'baseURL = "http://127.0.0.1/"\ntitle = "Museum"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    base = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}BODY</body></html>"
    (hugo / "layouts" / "_default" / "single.html").write_text(base.replace("BODY", ""))
    (hugo / "layouts" / "_default" / "list.html").write_text(
        base.replace("BODY", '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}')
    )
    (hugo / "layouts" / "index.html").write_text(
        base.replace("BODY", '{{ range .Site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}')
    )
    (pelican / "pelicanconf.py").write_text(
        'SITENAME = "Museum"\nTIMEZONE = "UTC"\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nRELATIVE_URLS = True\n"
    )
    (mkdocs / "mkdocs.yml").write_text("site_name: Museum\n")
    (mkdocs / "docs" / "index.md").write_text("# Museum\n")
    for slug, (title, date, body) in pages.items():
        (hugo / "content" / f"{slug}.md").write_text(f'---\ntitle: "{title}"\ndate: {date}\n---\n{body}')
        (pelican / "content" / f"{slug}.md").write_text(f"Title: {title}\nDate: {date}\nSlug: {slug}\n\n{body}")
        (mkdocs / "docs" / f"{slug}.md").write_text(f"# {title}\n\n{body}")
    return {"hugo": hugo, "pelican": pelican, "mkdocs": mkdocs}


def other_commands(name: str, folder: Path) -> tuple[list[str], Path]:
    """The build command of each tool, and the file the one-page edit changes."""
    first = sorted((folder / ("docs" if name == "mkdocs" else "content")).glob("*.md"))[-1]
    if name == "hugo":
        return ["hugo", "--quiet", "-s", str(folder), "-d", str(folder / "public")], first
    if name == "pelican":
        return [str(TOOLS / "pelican"), "-q", str(folder / "content"), "-s", str(folder / "pelicanconf.py"),
                "-o", str(folder / "output")], first  # fmt: skip
    return [str(TOOLS / "mkdocs"), "build", "-q", "-f", str(folder / "mkdocs.yml")], first


def bench_others(label: str, museum: Path, where: Path) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for name, folder in write_others(museum, where).items():
        cmd, page = other_commands(name, folder)
        counter = iter(range(1000))
        found[name] = {
            "cold": row(f"{label}: {name} cold", timed(cmd, folder)),
            "noop": row(f"{label}: {name} rebuild, nothing changed", median(RUNS, lambda: timed(cmd, folder))),
            "edit": row(f"{label}: {name} one-page edit", median(RUNS, lambda: (
                page.write_text(page.read_text() + f"\nEdit {next(counter)}.\n"), timed(cmd, folder))[1])),
        }  # fmt: skip
    return found


def serve_hugo(museum: Path, where: Path) -> float:
    hugo = write_others(museum, where)["hugo"]
    page = hugo / "content" / "phi-2.md"
    original = page.read_text()
    port = free_port()
    cmd = ["hugo", "server", "-s", str(hugo), "--port", str(port), "--bind", "127.0.0.1"]
    return save_to_browser(cmd, f"http://127.0.0.1:{port}/phi-2/", page, lambda i: f"Saved {i}.",
                           lambda i: page.write_text(original.replace("---\n", "---\n", 2).rstrip() + f"\n\nSaved {i}.\n"))  # fmt: skip


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="museum-bench-"))
    try:
        shipped = work / "shipped"
        shutil.copytree(
            REPO, shipped, ignore=shutil.ignore_patterns(".venv*", "_site", ".cache", ".git", "tests", "bench")
        )
        print("the museum as shipped", file=sys.stderr)
        us = bench_museum("shipped", shipped, RUNS)
        save = row("shipped: serve, save → browser (Chromium)", serve_ours(shipped), "≤ 0.3 s and < Hugo's")
        them = bench_others("shipped", shipped, work / "others-shipped")
        hugo_save = row("shipped: hugo server, save → browser (Chromium)", serve_hugo(shipped, work / "others-serve"))
        sizes = {}
        for n in SIZES:
            print(f"{n} synthetic specimens", file=sys.stderr)
            museum = make_museum(work / f"syn{n}", n)
            sizes[n] = bench_museum(f"{n} specimens", museum, 1 if n >= 1000 else RUNS)
            sizes[n]["others"] = bench_others(f"{n} specimens", museum, work / f"others-{n}")  # type: ignore[assignment]
        print_table(us, save, them, hugo_save, sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(us, save, them, hugo_save, sizes) -> None:  # type: ignore[no-untyped-def]
    print(f"\n| measurement (median of {RUNS}) | time | peak RSS | goal |\n|---|---|---|---|")
    for what, t, rss, goal in rows:
        print(f"| {what} | {t} | {rss} | {goal} |")
    print("\n| goal | figure | met |\n|---|---|---|")
    goals = [("museum cold ≤ 2.0 s", us["cold"], us["cold"] <= 2.0),
             ("no-op ≤ 0.15 s", us["noop"], us["noop"] <= 0.15),
             ("one-dossier edit ≤ 0.3 s", us["edit"], us["edit"] <= 0.3),
             (f"save → browser ≤ 0.3 s and below Hugo's ({hugo_save:.3f} s)", save, save <= 0.3 and save < hugo_save)]  # fmt: skip
    if 100 in sizes and 1000 in sizes:
        growth = sizes[1000]["cold"] / sizes[100]["cold"]
        pelican = sizes[1000]["others"]["pelican"]["noop"]  # type: ignore[index]
        goals += [("1,000 specimens cold ≤ 30 s", sizes[1000]["cold"], sizes[1000]["cold"] <= 30),
                  ("1,000 specimens cold, peak RSS ≤ 1 GB (MB)", sizes[1000]["cold_rss"],
                   sizes[1000]["cold_rss"] <= 1024),
                  ("growth t(1000)/t(100) cold ≤ 11×", growth, growth <= 11),
                  (f"1,000 warm (no-op) ≤ 0.5 × Pelican's cached rebuild ({pelican:.3f} s)", sizes[1000]["noop"],
                   sizes[1000]["noop"] <= 0.5 * pelican)]  # fmt: skip
    for text, figure, met in goals:
        print(f"| {text} | {figure:.3f} | {'yes' if met else 'NO'} |")
    print("\n| ours / theirs | " + " | ".join(f"{k}" for k in ("hugo", "pelican", "mkdocs")) + " |\n|---|---|---|---|")
    for label, mine, others in [("shipped", us, them)] + [(f"{n}", s, s["others"]) for n, s in sizes.items()]:
        for kind in ("cold", "noop", "edit"):
            cells = " | ".join(ratio(mine[kind], others[t][kind]) for t in ("hugo", "pelican", "mkdocs"))  # type: ignore[index]
            print(f"| {label} {kind} | {cells} |")


if __name__ == "__main__":
    main()
