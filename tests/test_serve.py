"""`museum serve`: a real server on a free port, real file edits, a real HTTP client (and Chromium).

Waiting is done the way a browser does it: on the server's reload event, never on a clock."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from museum.cli import main
from museum.commands.serve import dev_server, site_builder
from museum.devserver import DevServer
from museum.devserver.server import inject
from museum.devserver.watch import changed, ignored, snapshot
from museum.project import Project
from museum.site import search


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_reload(base: str, since: int) -> str:
    """Block until the server says a build after epoch `since` is done; returns the event's data line."""
    with urllib.request.urlopen(f"{base}__reload?since={since}", timeout=60) as stream:
        for raw in stream:
            if raw.startswith(b"data: "):
                return raw.decode().strip()
    raise AssertionError("the event stream ended without a reload")


class Running:
    """A dev server for a museum, watching in a background thread."""

    def __init__(self, root: Path):
        self.said: list[str] = []
        self.dev = dev_server(Project(root), port=0, say=self.said.append)

    def __enter__(self) -> DevServer:
        self.dev.start()
        self.thread = threading.Thread(target=self.dev.run, daemon=True)
        self.thread.start()
        return self.dev

    def __exit__(self, *exc: object) -> None:
        self.dev.stop()
        self.thread.join(timeout=30)


def test_an_edit_is_served_a_broken_edit_is_the_page_and_a_fix_recovers(museum):
    running = Running(museum.root)
    with running as dev:
        status, page = get(dev.url + "specimens/toy-2.html")
        assert status == 200 and "A toy model that exists only in tests." in page
        assert '<script>(function(){var s=new EventSource("/__reload?since=1");' in page

        museum.edit("toy-2.yaml", "headline: A toy model", "headline: A served toy model")
        assert wait_for_reload(dev.url, 1) == "data: 2"
        status, page = get(dev.url + "specimens/toy-2.html")
        assert status == 200 and "A served toy model that exists only in tests." in page

        museum.edit("toy-2.yaml", "parent: toy-1", "parent: nobody")
        assert wait_for_reload(dev.url, 2) == "data: 3"
        status, page = get(dev.url + "specimens/toy-2.html")
        assert status == 500
        assert '<h1 id="build-failed">The build failed</h1>' in page
        assert ("<td>museum/specimens/toy-2.yaml</td><td>32</td><td><code>lineage[0].parent</code></td>"
                "<td>unknown lineage parent &#x27;nobody&#x27;") in page.replace(str(museum.root.parent) + "/", "")  # fmt: skip
        assert get(dev.url)[0] == 500  # every page is the failure, never a half-built site

        museum.edit("toy-2.yaml", "parent: nobody", "parent: toy-1")
        assert wait_for_reload(dev.url, 3) == "data: 4"
        status, page = get(dev.url + "specimens/toy-2.html")
        assert status == 200 and "A served toy model" in page
        folder = dev.folder
    assert folder is not None and not folder.exists()  # stopping removes the temporary site
    assert running.said[-1].startswith("rebuilt: ")
    assert "museum/specimens/toy-2.yaml:32: lineage[0].parent: unknown lineage parent 'nobody'" in "\n".join(
        running.said
    ).replace(str(museum.root.parent) + "/", "")


def test_the_browser_reloads_by_itself(museum, page):
    with Running(museum.root) as dev:
        page.goto(dev.url + "specimens/toy-2.html")
        museum.edit("toy-2.yaml", "headline: A toy model", "headline: A live toy model")
        page.wait_for_function("document.body.innerText.includes('A live toy model')", timeout=30_000)
        museum.edit("toy-2.yaml", "parent: toy-1", "parent: nobody")
        page.wait_for_selector("#build-failed", timeout=30_000)
        museum.edit("toy-2.yaml", "parent: nobody", "parent: toy-1")
        page.wait_for_function("document.body.innerText.includes('A live toy model')", timeout=30_000)


def test_a_build_error_in_a_template_is_shown_too(museum):
    with Running(museum.root) as dev:
        (museum.root / "templates" / "index.html").write_text("{% if %}", encoding="utf-8")
        wait_for_reload(dev.url, 1)
        status, page = get(dev.url)
        assert status == 500 and "Internal error: TemplateSyntaxError" in page


def test_the_dev_server_serves_what_a_build_callable_writes(tmp_path):
    """No museum at all: the server only knows the callable."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.txt").write_text("one", encoding="utf-8")

    def build(out: Path) -> str | None:
        text = (source / "page.txt").read_text(encoding="utf-8")
        if text == "broken":
            return "<html><body><h1>broken</h1></body></html>"
        out.mkdir(exist_ok=True)
        (out / "index.html").write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
        return None

    dev = DevServer(build, [source], port=0)
    with dev:
        assert get(dev.url)[1].startswith("<html><body>one<script>")
        (source / "page.txt").write_text("broken", encoding="utf-8")
        assert dev.step() == [str(source / "page.txt")]
        assert get(dev.url) == (500, inject(b"<html><body><h1>broken</h1></body></html>", 2).decode())
        (source / "page.txt").write_text("two!", encoding="utf-8")
        dev.step()
        assert get(dev.url)[1].startswith("<html><body>two!<script>")


def test_reload_script_goes_before_the_end_of_the_body():
    assert inject(b"<p>x</p></body></html>", 7) == (
        b'<p>x</p><script>(function(){var s=new EventSource("/__reload?since=7");'
        b's.addEventListener("reload",function(){s.close();location.reload();});})();</script></body></html>'
    )


def test_editor_droppings_are_not_watched(tmp_path):
    assert [
        name for name in ("a.yaml", ".a.yaml.swp", "a.yaml~", "#a.yaml#", ".#a.yaml", "4913") if not ignored(name)
    ] == ["a.yaml"]
    (tmp_path / "a.yaml").write_text("1", encoding="utf-8")
    before = snapshot([tmp_path])
    (tmp_path / "b.yaml").write_text("2", encoding="utf-8")
    (tmp_path / ".b.yaml.swp").write_text("2", encoding="utf-8")
    assert changed(before, snapshot([tmp_path])) == [str(tmp_path / "b.yaml")]


def test_search_is_indexed_after_the_build_and_kept_across_the_next(museum, tmp_path):
    """The build callable returns before Pagefind runs; the next build starts from that index."""
    said: list[str] = []
    build = site_builder(Project(museum.root), False, said.append)
    out = tmp_path / "site"
    assert build(out) is None
    assert (out / "specimens" / "toy-2.html").is_file()
    assert not (out / "pagefind").exists()  # not yet: Pagefind waits for the browser to have reloaded
    deadline = time.monotonic() + 60
    while not (out / "pagefind" / "pagefind.js").is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (out / "pagefind" / "pagefind.js").is_file()
    build(out)  # hands the index to the new site, and indexes again behind it
    assert (out / "pagefind" / "pagefind.js").is_file()  # there from the swap on: the last build's index
    build(out)  # a build before the last one's index began: the index two builds old is kept
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert all("error" not in line for line in said)


def test_a_reindex_made_unneeded_stops_and_keeps_the_old_index(museum):
    assert main(["build", "--root", str(museum.root)]) == 0
    (museum.site / "pagefind" / "kept.txt").write_text("the last index")
    search.reindex(museum.site, cancel=lambda: True)
    assert (museum.site / "pagefind" / "kept.txt").is_file()
    assert sorted(p.name for p in museum.site.iterdir() if "pagefind" in p.name) == ["pagefind"]


def test_reindexing_a_live_site_swaps_the_new_index_in(museum):
    assert main(["build", "--root", str(museum.root)]) == 0
    (museum.site / "pagefind" / "stale.txt").write_text("from the last index")
    search.reindex(museum.site)
    assert not (museum.site / "pagefind" / "stale.txt").exists()
    assert (museum.site / "pagefind" / "pagefind-entry.json").is_file()
    assert sorted(p.name for p in museum.site.iterdir() if "pagefind" in p.name) == ["pagefind"]
