"""Built pages opened in a real headless Chromium (Debian's, driven by Playwright)."""

import shutil

import pytest

from museum.cli import main


@pytest.fixture
def built(museum):
    assert main(["build", "--root", str(museum.root)]) == 0
    return museum


def test_home_from_disk_and_click_through(built, page, console_errors):
    page.goto((built.site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "The bestiary"
    assert page.locator(".placard").count() == 1
    page.locator(".placard__name a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/specimens/toy-2.html")
    assert page.locator("h1").inner_text() == "Toy 2"
    page.locator(".crumbs a", has_text="Bestiary").click()
    assert page.url.endswith("/index.html")
    assert console_errors == []


def test_served_under_a_sub_path(built, page, serve, tmp_path, failed_requests, console_errors):
    www = tmp_path / "www"
    shutil.copytree(built.site, www / "deep" / "museum")
    base = serve(www) + "deep/museum/"
    page.goto(base + "index.html")
    page.locator(".lineage-strip a", has_text="Toy 1").click()
    page.wait_for_load_state()
    assert page.url == base + "specimens/toy-1.html"
    styled = page.evaluate("getComputedStyle(document.querySelector('.masthead')).borderBottomStyle")
    assert styled == "solid"  # the stylesheet loaded through a relative link
    assert failed_requests == [] and console_errors == []


def test_dark_mode_follows_the_system(built, browser):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto((built.site / "index.html").as_uri())
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        )
        context.close()
    assert colours["light"] != colours["dark"]
    assert colours["dark"][0] == "rgb(25, 23, 20)"
