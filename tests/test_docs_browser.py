"""The portal in a real browser (Debian's headless Chromium, driven by Playwright): the reference
lists the operations with code samples in curl, Node and Python, the guides' sample tabs switch,
images load, and no request ever leaves the server's origin — from the app and from the static
build on a plain static server. Screenshots are kept in RENDEROWL_TEST_ARTIFACTS (var/test-artifacts)."""
import functools
import http.server
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from renderowl.portal import pages

pytestmark = pytest.mark.backends("sqlite")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = os.environ.get("RENDEROWL_TEST_ARTIFACTS", os.path.join(pages.REPO_DIR, "var", "test-artifacts"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def serve_in_thread(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d" % server.server_address[1]


@pytest.fixture
def browser():
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def open_page(browser, origin, outside):
    """A page whose requests outside `origin` are refused and recorded."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})

    def route(route):
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()
    context.route("**/*", route)
    return context.new_page()


def check_portal(browser, origin, docs_root, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    outside, failed = [], []
    page = open_page(browser, origin, outside)
    page.on("requestfailed", lambda req: failed.append(req.url) if req.url.startswith(origin) else None)

    # The reference lists every operation; one of them shows its samples in three languages.
    page.goto(docs_root + "reference/")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 40
    assert page.locator("button.authorize").count() >= 1
    submit = page.locator(".opblock-post", has_text="/api/v1/projects/{project_id}/renders").first
    submit.locator(".opblock-summary").first.click()
    samples = submit.locator(".code-samples")
    samples.wait_for(timeout=10_000)
    assert [t.strip() for t in samples.locator("[role=tab]").all_inner_texts()] == ["curl", "Node", "Python"]
    samples.locator("[role=tab]", has_text="Node").click()
    assert "@renderowl/sdk" in samples.locator("[role=tabpanel]").inner_text()
    samples.locator("[role=tab]", has_text="Python").click()
    assert "renderowl_client" in samples.locator("[role=tabpanel]").inner_text()
    page.screenshot(path=os.path.join(ARTIFACTS, "%s-reference.png" % name), full_page=False)

    # A guide: the sample tabs switch language together.
    page.goto(docs_root + "guides/getting-started/")
    first = page.locator(".samples").first
    first.locator("[role=tab]", has_text="Python").click()
    assert first.locator("[role=tabpanel][data-lang=py]").is_visible()
    assert not first.locator("[role=tabpanel][data-lang=sh]").is_visible()
    assert "renderowl_client" in first.locator("[role=tabpanel][data-lang=py]").inner_text()
    page.screenshot(path=os.path.join(ARTIFACTS, "%s-getting-started.png" % name), full_page=True)

    # A guide with pictures: every image loads.
    page.goto(docs_root + "guides/templates/")
    page.wait_for_load_state("load")
    sizes = page.eval_on_selector_all("main img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert sizes and all(width > 0 for width in sizes), sizes
    page.screenshot(path=os.path.join(ARTIFACTS, "%s-templates.png" % name), full_page=True)

    assert not outside, "requests left the origin: %s" % outside
    assert not failed, "requests failed: %s" % failed


def test_portal_in_a_browser_from_the_app(app, browser):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    origin = serve_in_thread(server)
    try:
        check_portal(browser, origin, origin + "/docs/", "app")
    finally:
        server.shutdown()


def test_static_build_in_a_browser(app, browser, tmp_path):
    out = tmp_path / "site"
    assert app.test_cli_runner().invoke(args=["docs", "build", str(out)]).exit_code == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = serve_in_thread(server)
    try:
        check_portal(browser, origin, origin + "/", "static")
    finally:
        server.shutdown()
        server.server_close()
