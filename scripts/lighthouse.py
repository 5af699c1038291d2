"""Lighthouse scores of the built site: performance, accessibility, best practices and SEO per page.

    .venv/bin/python scripts/lighthouse.py [--site _site] [--preset mobile|desktop] [PAGE …]   (or: make lighthouse)

Installs the npm `lighthouse` package into .tools/lighthouse/ the first time, serves the site on
127.0.0.1 (gzip-compressed, as any real host serves it), runs Lighthouse against Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, headless) on each page, and prints the four scores (0–100) per page,
then every audit that cost points, to say why. Default pages: the home page, the largest specimen,
compare, device fit and a hall. About 15 s a page. Reports go to .tools/lighthouse/reports/.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / ".tools" / "lighthouse"
VERSION = "12.8.2"
CHROME = "/usr/bin/chromium"
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")  # fmt: skip
PAGES = ["index.html", "specimens/qwen3.html", "compare.html", "fit.html", "why-small-models.html"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


def lighthouse() -> Path:
    """The lighthouse command, installed with npm into .tools/lighthouse/ if it is not there yet."""
    command = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse {VERSION} into {TOOLS.relative_to(REPO)}/ …", file=sys.stderr, flush=True)
        if not (TOOLS / "package.json").exists():
            subprocess.run(["npm", "init", "-y"], cwd=TOOLS, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{VERSION}"], cwd=TOOLS, check=True)
    return command


class Handler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (text only), with no request log."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self) -> BytesIO | BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run(command: Path, url: str, out: Path, preset: str) -> dict[str, Any]:
    args = [str(command), url, f"--chrome-flags={FLAGS}", "--output=json", "--output=html",
            f"--output-path={out}", "--quiet"]  # fmt: skip
    if preset == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    report: dict[str, Any] = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    return report


def losses(report: dict[str, Any]) -> list[str]:
    """Every audit that cost points, per category: 'seo: Document does not have a meta description (0)'."""
    found = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {audit['title']} ({audit['score']:.2f}; {audit.get('displayValue', '')})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", default=PAGES, help=f"pages to audit (default: {' '.join(PAGES)})")
    parser.add_argument("--site", type=Path, default=REPO / "_site", help="the built site (default: _site)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile",
                        help="Lighthouse's device and throttling (default: mobile, its default)")  # fmt: skip
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"no site in {args.site}: build it first (make museum)", file=sys.stderr)
        return 1
    command = lighthouse()
    reports = TOOLS / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    server, base = serve(args.site)
    rows, why = [], {}
    try:
        for page in args.pages:
            print(f"lighthouse: {page} …", file=sys.stderr, flush=True)
            report = run(command, base + page, reports / page.replace("/", "__").removesuffix(".html"), args.preset)
            rows.append((page, *(round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES)))
            why[page] = losses(report)
    finally:
        server.shutdown()
        server.server_close()
    width = max(len(row[0]) for row in rows)
    print(f"{'page':<{width}}  perf  a11y  best   seo   (lighthouse {VERSION}, {args.preset})")
    for page, *scores in rows:
        print(f"{page:<{width}}  " + "  ".join(f"{s:>4}" for s in scores))
    for page, found in why.items():
        for line in found:
            print(f"  {page}: {line}")
    print(f"reports: {reports.relative_to(REPO) if reports.is_relative_to(REPO) else reports}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
