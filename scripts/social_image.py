"""Draw assets/social.png, the picture link previews (Open Graph, Twitter cards) show for every page.

    .venv/bin/python scripts/social_image.py [--out assets/social.png]

Cards take raster images only, and the figures are SVG, so the site has one picture: the museum's
mark and name on its paper colour, 1200 × 630 (the Open Graph shape), everything inside the middle
square so a square crop (Twitter's "summary" card) still shows it whole. Drawn in headless Chromium;
commit the result. Run again only when the mark changes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
CARD = """<!doctype html><html><head><style>
html, body { margin: 0; width: 1200px; height: 630px; background: #f4efe6; }
body { display: grid; place-items: center; font-family: "DejaVu Serif", Georgia, serif; }
.card { display: grid; justify-items: center; gap: 34px; }
.mark { width: 300px; height: 300px; border-radius: 56px; background: #7a2e1d; color: #f4efe6;
        display: grid; place-items: center; font-size: 210px; line-height: 1; padding-top: 6px; box-sizing: border-box; }
.name { font-size: 64px; color: #2a211c; letter-spacing: 0.01em; }
.line { font-family: "DejaVu Sans", sans-serif; font-size: 26px; color: #5d5148; }
</style></head><body><div class="card"><div class="mark">M</div><div class="name">Model Museum</div>
<div class="line">small open language models</div></div></body></html>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets" / "social.png")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out} ({args.out.stat().st_size:_} bytes)")


if __name__ == "__main__":
    main()
