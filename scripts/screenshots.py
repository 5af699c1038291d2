"""Screenshots of built pages in Debian's Chromium, to look at what the museum makes.

    .venv/bin/python scripts/screenshots.py SITE PAGE[#ELEMENT-ID] … [--out shots] [--only desktop-light]

Each page is shot at desktop (1280 px) and phone (375 px) width, light and dark; with #ID only that
element (every <details> opened first). It also reports any page wider than the screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SIZES = {"desktop": (1280, 900), "phone": (375, 812)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--only", default=None, help="one of desktop-light, desktop-dark, phone-light, phone-dark")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for page_spec in args.pages:
            page_path, _, element = page_spec.partition("#")
            for size, (width, height) in SIZES.items():
                for scheme in ("light", "dark"):
                    if args.only and args.only != f"{size}-{scheme}":
                        continue
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                    page = context.new_page()
                    page.goto((args.site.resolve() / page_path).as_uri())
                    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    name = f"{page_spec.replace('/', '_').replace('#', '_')}-{size}-{scheme}.png"
                    target = page.locator(f"#{element}") if element else page
                    target.screenshot(path=str(args.out / name), **({} if element else {"full_page": True}))
                    print(f"{args.out / name}" + (f"  (page {wider}px wider than the screen)" if wider > 0 else ""))
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
