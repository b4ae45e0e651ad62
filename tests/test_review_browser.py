"""The review page in a real headless Chromium: filter, decide, reload, export, import.

Uses Debian's chromium (installed by scripts/install_chromium.sh when missing) driven by
Playwright's Python package with ``executable_path``: no browser download is needed.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ACCEPTED = "b52c96884a1ff109:2951-2966:MONEY"  # 791256.20 EUR total, agrees with another document
CORRECTED = "8ebc3d80f3d7bd0c:2460-2474:MONEY"  # 672567.73: transposed digits
REJECTED = "8ebc3d80f3d7bd0c:2416-2430:MONEY"  # 791256.19: one cent off


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="module")
def chromium():
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install '.[test]'")
    exe = find_chromium()
    if exe is None:
        script = ROOT / "scripts" / "install_chromium.sh"
        try:
            done = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900)
            why = (done.stderr or done.stdout).strip()[-500:]
        except (OSError, subprocess.TimeoutExpired) as e:
            why = str(e)
        exe = find_chromium()
        if exe is None:
            pytest.skip(f"no chromium and scripts/install_chromium.sh could not install it: {why}")
    return exe


@pytest.fixture(scope="module")
def page_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser_out")
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "--model", "none", "--quiet"]) == 0
    assert main(["review", str(out)]) == 0
    return out / "review.html"


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        yield b
        b.close()


def open_page(context, path: Path):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]")
    return page, errors


def card(page, fid):
    return page.locator(f'.fact[data-fact-id="{fid}"]')


def keep_screenshot(page, tmp_path, name):
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=False)
    target = os.environ.get("TEST_ARTIFACTS") or (str(ROOT / "test-artifacts") if (ROOT / "test-artifacts").is_dir()
                                                  else "")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / name)
    return shot


def test_review_in_the_browser(browser, page_path, tmp_path):
    data = json.loads(re.search(r'<script id="lvpress-data" type="application/json">(.*?)</script>',
                                page_path.read_text(encoding="utf-8"), re.S).group(1))
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1000})
    page, errors = open_page(context, page_path)
    assert page.locator("#projects tbody tr").first.get_attribute("data-project") == "LLI-317"
    assert "791256.19" in page.locator("#projects tbody tr").first.inner_text()

    # filters: money facts, then those in a conflict
    page.select_option("#f-label", "MONEY")
    money = [f for f in data["facts"] if f["label"] == "MONEY"]
    assert page.locator(".fact").count() == len(money)
    page.check("#f-conflicts")
    conflicted = {f["id"] for f in money if f["conflicts"]}
    assert {CORRECTED, REJECTED, ACCEPTED} <= conflicted
    assert set(page.locator(".fact").evaluate_all("els => els.map(e => e.dataset.factId)")) == conflicted
    page.uncheck("#f-conflicts")
    page.select_option("#f-doc", "8ebc3d80f3d7bd0c")
    assert page.locator(".fact").count() == sum(f["doc"] == "8ebc3d80f3d7bd0c" for f in money)
    page.select_option("#f-doc", "")
    page.select_option("#f-label", "")
    page.select_option("#f-role", "erdf")
    assert page.locator(".fact").count() == sum(f["role"] == "erdf" for f in data["facts"])
    page.select_option("#f-role", "")
    page.fill("#f-score", "0.95")
    visible = [f for f in data["facts"] if f["score"] is None or f["score"] >= 0.95]
    assert page.locator("#shown").inner_text() == f"showing {min(200, len(visible))} of {len(visible)} facts"
    page.fill("#f-score", "0")
    page.select_option("#f-group", "project")
    page.select_option("#f-project", "LLI-425")
    assert page.locator(".group").evaluate_all("els => els.map(e => e.dataset.group)") == ["LLI-425"]
    assert page.locator(".fact").count() == sum("LLI-425" in f["projects"] for f in data["facts"])
    page.select_option("#f-project", "")
    page.select_option("#f-group", "doc")
    page.select_option("#f-label", "MONEY")

    # decide: accept one, correct one (with a note), reject one
    page.fill("#reviewer", "Anna Ozola")
    card(page, ACCEPTED).locator('button[data-action="accept"]').click()
    c = card(page, CORRECTED)
    c.locator('button[data-action="correct"]').click()  # no value yet: refused with a message
    assert "type the corrected value" in card(page, CORRECTED).locator(".status").inner_text()
    c = card(page, CORRECTED)
    c.locator("input.corrected").fill("672 576,74")
    c.locator("input.note-input").fill("digits swapped, see the other two articles")
    c.locator('button[data-action="correct"]').click()
    card(page, REJECTED).locator('button[data-action="reject"]').click()
    assert card(page, ACCEPTED).get_attribute("data-decision") == "accept"
    assert card(page, CORRECTED).get_attribute("data-decision") == "correct"
    assert "3 of" in page.locator("#progress").inner_text()

    # decisions survive a reload; "not yet reviewed" hides them
    page.reload()
    page.wait_for_selector("body[data-ready]")
    page.select_option("#f-label", "MONEY")
    assert card(page, REJECTED).get_attribute("data-decision") == "reject"
    assert card(page, CORRECTED).locator("input.corrected").input_value() == "672 576,74"
    assert page.locator("#reviewer").input_value() == "Anna Ozola"
    page.check("#f-unreviewed")
    assert page.locator(".fact").count() == len(money) - 3
    page.uncheck("#f-unreviewed")

    # the whole document with all its facts highlighted
    card(page, CORRECTED).locator('a:text("document")').click()
    page.wait_for_selector("#docview:not([hidden])")
    n_doc_facts = sum(f["doc"] == "8ebc3d80f3d7bd0c" for f in data["facts"])
    marked = page.locator("#docview mark").evaluate_all(
        "els => new Set(els.flatMap(e => e.dataset.facts.split(' '))).size")
    assert marked == n_doc_facts
    surface = next(f["text"] for f in data["facts"] if f["id"] == CORRECTED)
    assert page.locator(f'#docview mark[data-facts~="{CORRECTED}"]').inner_text() == surface
    keep_screenshot(page, tmp_path, "review-document.png")
    page.goto(page_path.as_uri() + "#")
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#docview").is_hidden()
    page.select_option("#f-label", "MONEY")
    page.locator("#facts").scroll_into_view_if_needed()
    keep_screenshot(page, tmp_path, "review-money.png")

    # export as reviews.csv
    with page.expect_download() as info:
        page.click("#export")
    exported = tmp_path / "reviews.csv"
    info.value.save_as(exported)
    assert info.value.suggested_filename == "reviews.csv"
    text = exported.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "fact_id,decision,corrected_value,reviewer,timestamp,note"
    got = {r["fact_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(got) == {ACCEPTED, CORRECTED, REJECTED}
    assert (got[ACCEPTED]["decision"], got[ACCEPTED]["corrected_value"]) == ("accept", "")
    assert (got[CORRECTED]["decision"], got[CORRECTED]["corrected_value"]) == ("correct", "672 576,74")
    assert got[CORRECTED]["note"] == "digits swapped, see the other two articles"
    assert got[REJECTED]["decision"] == "reject"
    assert {r["reviewer"] for r in got.values()} == {"Anna Ozola"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", r["timestamp"]) for r in got.values())
    assert '"digits swapped, see the other two articles"' in text  # RFC 4180 quoting of the comma
    assert not errors, errors
    context.close()

    # a fresh browser profile continues from the exported file
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page, errors = open_page(context, page_path)
    assert "0 of" in page.locator("#progress").inner_text()
    page.set_input_files("#import", str(exported))
    from playwright.sync_api import expect  # waits without eval(), which the page's CSP forbids

    expect(page.locator("#import-status")).to_have_text("imported 3 decisions")
    page.select_option("#f-label", "MONEY")
    assert card(page, CORRECTED).get_attribute("data-decision") == "correct"
    assert "3 of" in page.locator("#progress").inner_text()
    assert not errors, errors
    context.close()

    # the exported file is what `lvpress run --reviews` applies
    from pipeline.corpus.consolidate import consolidate
    from pipeline.ingest.ingest import read_documents
    from pipeline.outputs.review_decisions import apply_reviews, load_reviews
    from pipeline.rules.process import process_document

    results = [process_document(d, None, ["project_codes", "project_names", "money", "dates", "entities",
                                          "events", "people"]) for d in read_documents(ROOT / "corpus", 5_000_000)]
    reviewed, report = apply_reviews(results, load_reviews(exported))
    assert report["applied"] == {"accept": 1, "reject": 1, "correct": 1} and report["orphans"] == []
    row = {r["project_key"]: r for r in consolidate(reviewed)[0]}["LLI-317"]
    assert "total_eur" not in row["conflicts"] and "erdf_eur" not in row["conflicts"]
