"""End to end in headless Chromium: `claimkb serve` on a sample knowledge base, a claim
search, its family page and the family's graph drawn by the vendored Cytoscape.js.

Needs Debian's chromium (scripts/install-chromium.sh) and the playwright package;
skips when Chromium cannot be launched. Screenshots go to tests/screenshots/.
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from sample_kb import build_sample_kb

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM = Path(os.environ.get("CLAIMKB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SERVER_START_LIMIT = 60  # seconds to wait for Datasette to answer before giving up


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"claimkb serve exited with {server.returncode}: {server.communicate()[1]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"claimkb serve did not answer at {url}")


def claimkb(*args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from claimkb.cli import cli; cli(sys.argv[1:])", *map(str, args)],
        cwd=REPO, env=env, text=True, **kwargs,
    )


@contextmanager
def serving(db_path):
    port = free_port()
    process = claimkb("serve", db_path, "--port", port, "--host", "127.0.0.1",
                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + "/-/versions.json", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    sample = build_sample_kb(tmp_path_factory.mktemp("browser") / "sample.db")
    with serving(sample.path) as base:
        yield base, sample


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """What a new user does: `claimkb demo`, then `claimkb serve claimkb-demo.db`."""
    db_path = tmp_path_factory.mktemp("demo") / "claimkb-demo.db"
    build = claimkb("demo", db_path, "--matcher", "lexical", stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, output
    with serving(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run scripts/install-chromium.sh")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as error:
            pytest.skip(f"cannot launch {CHROMIUM}: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A Content-Security-Policy that blocked something the pages need shows here.
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    page.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_search_a_claim_open_its_family_and_graph(server, page):
    base, sample = server
    family = sample.families["quote"]

    page.goto(base + "/sample")
    assert page.locator("h1").first.inner_text().strip() == "sample"
    page.screenshot(path=SCREENSHOTS / "database.png", full_page=True)

    # Search the claims with the canned query's form.
    page.goto(base + "/sample/search_claims")
    page.fill("input[name=q]", "million containers")
    page.click("input[type=submit]")
    page.wait_for_selector("table.rows-and-columns")
    results = page.locator("table.rows-and-columns tbody tr")
    assert results.count() == 2
    assert "Coastal Times" in page.locator("table.rows-and-columns").inner_text()
    page.screenshot(path=SCREENSHOTS / "search.png", full_page=True)

    # Its family page: the changed number highlighted in the wording.
    page.locator(f"a[href='/sample/-/claimkb/family/{family}']").first.click()
    page.wait_for_selector("table.claimkb-versions")
    assert page.url.endswith(f"/sample/-/claimkb/family/{family}")
    changed = page.locator("td.wording del.diff-changed")
    assert "4.2" in changed.all_inner_texts()
    assert "2.4" in page.locator("td.wording ins.diff-changed").all_inner_texts()
    assert page.locator("svg.claimkb-spread circle").count() == 3
    page.screenshot(path=SCREENSHOTS / "family.png", full_page=True)

    # The family as a graph, drawn by Cytoscape.js.
    page.click("text=See the family as a graph")
    page.wait_for_url(f"**/graph?family={family}")
    page.wait_for_selector("body[data-graph-nodes]", state="attached", timeout=30_000)
    drawn = page.evaluate("document.body.dataset.graphNodes")
    with urllib.request.urlopen(f"{base}/sample/-/claimkb/graph.json?family={family}") as response:
        served = json.load(response)["elements"]["nodes"]
    assert drawn == str(len(served)) and len(served) > 0
    assert page.locator("#claimkb-graph canvas").count() > 0
    page.screenshot(path=SCREENSHOTS / "graph.png", full_page=True)


def test_script_in_article_text_does_not_run(server, page):
    base, sample = server
    page.goto(f"{base}/sample/articles/{sample.articles['wire']}")
    # The title is shown as text: had it been markup, the alert would have fired a dialog.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.reload()
    assert '<script>alert("x")</script>' in page.locator("body").inner_text()
    page.goto(f"{base}/sample/-/claimkb/graph?article={sample.articles['wire']}")
    page.wait_for_selector("body[data-graph-nodes]", state="attached", timeout=30_000)
    assert dialogs == []
    page.screenshot(path=SCREENSHOTS / "article-graph.png", full_page=True)


def test_fidelity_plot_renders(server, page):
    base, _ = server
    page.goto(base + "/sample/-/claimkb/fidelity")
    bars = page.locator("svg.claimkb-fidelity rect.bar")
    assert bars.count() == 2
    widths = [box["width"] for box in (bars.nth(i).bounding_box() for i in range(2))]
    assert widths[0] > 0 and widths[1] == 0
    page.screenshot(path=SCREENSHOTS / "fidelity.png", full_page=True)


def open_family_of(page, base: str, words: str, screenshot: str | None = None):
    """Search the demo's claims for words and open the family of the first hit that has one."""
    page.goto(base + "/claimkb-demo/search_claims")
    page.fill("input[name=q]", words)
    page.click("input[type=submit]")
    page.wait_for_selector("table.rows-and-columns")
    if screenshot:
        page.screenshot(path=SCREENSHOTS / screenshot, full_page=True)
    page.locator("table.rows-and-columns a[href*='/-/claimkb/family/']").first.click()
    page.wait_for_selector("table.claimkb-versions")


def test_demo_seed_quote_mutations_graph_and_graphml(demo_server, page, tmp_path):
    import networkx as nx

    base = demo_server
    # The quote in which the re-publication turned the predator into an expert.
    open_family_of(page, base, "predator social media", screenshot="demo-search.png")
    outlets = page.locator("table.claimkb-versions td.where strong").all_inner_texts()
    assert outlets[:2] == ["Infosecurity Magazine", "SecNews"]
    assert any("predator" in text for text in page.locator("td.wording del").all_inner_texts())
    assert any("expert" in text for text in page.locator("td.wording ins").all_inner_texts())
    page.screenshot(path=SCREENSHOTS / "demo-family-predator.png", full_page=True)

    # The statistic whose decimal point became a decimal comma: the same value, shown as such.
    # (The "more than half ... vanish" estimate is not linked by the current matcher; the
    # strict xfail in test_link_seeds.py records that miss.)
    open_family_of(page, base, "16.9 million reports")
    same = page.locator("td.numbers .number-same").all_inner_texts()
    assert any("16,9 million" in text for text in same)
    page.screenshot(path=SCREENSHOTS / "demo-family-statistic.png", full_page=True)

    # Its graph, drawn by Cytoscape.js, and the GraphML download Gephi opens.
    page.click("text=See the family as a graph")
    page.wait_for_selector("body[data-graph-nodes]", state="attached", timeout=30_000)
    assert int(page.evaluate("document.body.dataset.graphNodes")) > 0
    page.screenshot(path=SCREENSHOTS / "demo-graph.png", full_page=True)
    page.goto(base + "/claimkb-demo/-/claimkb/fidelity")
    page.wait_for_selector("svg.claimkb-fidelity")
    page.screenshot(path=SCREENSHOTS / "demo-fidelity.png", full_page=True)
    page.go_back()
    page.wait_for_selector("#claimkb-graph")
    with page.expect_download() as download:
        page.click("a:text-is('graphml')")
    saved = tmp_path / "family.graphml"
    download.value.save_as(saved)
    graph = nx.read_graphml(saved)
    assert {data["type"] for _, data in graph.nodes(data=True)} >= {"claim", "article", "outlet"}
