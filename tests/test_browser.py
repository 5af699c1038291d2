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


def test_the_theme_toggle_overrides_the_system_and_persists(built, browser, serve):
    base = serve(built.site)
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base + "index.html")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(244, 239, 230)"  # --paper by day, #f4efe6
    toggle = page.locator("#theme-toggle")
    assert toggle.inner_text() == "Dark theme"
    toggle.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) == "rgb(25, 23, 20)"  # --paper at night, #191714
    assert toggle.inner_text() == "Light theme"
    page.goto(base + "specimens/toy-2.html")  # another page, same choice, applied before the first paint
    assert page.evaluate(background) == "rgb(25, 23, 20)"
    page.locator("#theme-toggle").click()
    page.reload()
    assert page.evaluate(background) == "rgb(244, 239, 230)"
    context.close()


def test_without_javascript_the_toggle_stays_hidden(built, browser):
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    page.goto((built.site / "index.html").as_uri())
    assert page.locator("#theme-toggle").is_hidden()
    page.goto((built.site / "compare.html").as_uri())
    assert page.locator("#compare-form").is_hidden()  # the pre-rendered default table stands alone
    context.close()


def test_with_javascript_the_controls_show_from_the_first_paint(built, page):
    page.goto((built.site / "index.html").as_uri())
    assert page.locator("#theme-toggle").is_visible() and page.locator("#filters").is_visible()
