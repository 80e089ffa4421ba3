"""A learner's view in a real JupyterLab, driven by Debian's chromium through Playwright.

Screenshots are written to tests/e2e/artifacts/ (git-ignored).
"""

import json
import os
import re
import shutil

import pytest
from conftest import ROOT, running_lab

from workbook.exercise import Exercise

pytestmark = pytest.mark.xdist_group("jupyterlab")  # one JupyterLab and one browser per run
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
TOKEN = "workbook-e2e-token"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

playwright = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
if not os.path.exists(CHROMIUM):
    pytest.skip(
        "Debian's chromium is not installed here (apt-get install chromium)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on loopback with isolated settings (no news popup), config and workspaces."""
    home = tmp_path_factory.mktemp("lab")
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    checkout = home / "checkout"  # JupyterLab autosaves what it runs: never the repository's files
    for folder in ("solutions", "exercises", "notebooks", "data", "tests/hidden"):
        shutil.copytree(ROOT / folder, checkout / folder)
    env = {
        "WORKBOOK_ROOT": str(checkout),
        "WORKBOOK_RESULTS_FILE": str(home / "results.jsonl"),
        "WORKBOOK_GRADING": "",
    }
    with running_lab(home, TOKEN, env) as base:
        yield base


@pytest.fixture(scope="module")
def page(lab):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def run_all(page, base: str, notebook: str) -> None:
    """Open a notebook in a fresh workspace, wait for its kernel, then Run > Run All Cells."""
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={TOKEN}")
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=90_000)
    page.locator(".jp-Notebook").first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def output_text(page, pattern: str, timeout_ms: int = 120_000) -> str:
    locator = page.locator(".jp-OutputArea-output", has_text=re.compile(pattern)).first
    locator.wait_for(timeout=timeout_ms)
    locator.scroll_into_view_if_needed()
    return locator.inner_text()


def test_a_learner_runs_an_exercise_and_sees_not_attempted_then_submits(page, lab):
    run_all(page, lab, "exercises/graphs/01_mutual_friends.ipynb")
    assert "not attempted" in output_text(page, "not attempted yet")
    page.screenshot(path=str(ARTIFACTS / "exercise-checks.png"))
    submitted = output_text(page, r"are waiting for your code")
    hidden = len(Exercise("graphs/01_mutual_friends").hidden_tests())
    assert f"not attempted yet: the stub raises NotImplementedError, so all {hidden}" in submitted
    assert submitted.count("not attempted yet") == 1 and "test_" not in submitted
    page.screenshot(path=str(ARTIFACTS / "exercise-submitted.png"))


def test_the_reference_solution_passes_visible_checks_and_every_hidden_test(page, lab):
    run_all(page, lab, "solutions/graphs/01_mutual_friends.ipynb")
    assert "visible checks passed" in output_text(page, "visible checks passed")
    submitted = output_text(page, r"passed \(the visible checks and \d+ hidden tests\)")
    rows = 1 + len(Exercise("graphs/01_mutual_friends").hidden_tests())
    assert f"{rows} of {rows} passed" in submitted
    page.screenshot(path=str(ARTIFACTS / "solution-submitted.png"))


def edit_cell(page, containing: str, text: str) -> None:
    """Replace the source of the first code cell containing `containing` (typed, not pasted)."""
    cell = page.locator(".jp-CodeCell", has_text=containing).first
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def test_a_learner_opens_a_case_asks_two_questions_and_submits(page, lab):
    run_all(page, lab, "exercises/event_streams/12_case_incomplete_bucket.ipynb")
    output_text(page, r"are waiting for your code", 180_000)
    edit_cell(page, "One question per cell", 'tonight.ask("backlog")')
    page.keyboard.press("Alt+Enter")  # run it and open a new cell below, ready to type
    page.keyboard.insert_text('tonight.ask("writers")')
    page.keyboard.press("Alt+Enter")
    page.keyboard.insert_text("tonight")
    page.keyboard.press("Shift+Enter")
    assert "2 of 5 probes used" in output_text(page, r"2 of 5 probes used")
    output_text(page, r"max_workers")  # the writers' table, answered by the case
    page.screenshot(path=str(ARTIFACTS / "case-round-asked.png"), full_page=True)
    edit_cell(
        page,
        "def tonights_diagnosis",
        "def tonights_diagnosis():\n"
        '    return Diagnosis("starvation", "ClientError", "shed_flooding_type", '
        '"stream_per_event_type")\n\n\n'
        "def diagnose(case):\n"
        '    raise NotImplementedError("not yet")\n',
    )
    page.keyboard.press("Control+s")
    page.get_by_text(re.compile(r"Saving completed|Saved")).first.wait_for(timeout=30_000)
    page.locator(".jp-CodeCell", has_text="ex.submit()").last.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    submitted = output_text(page, r"2 of 15 passed", 180_000)
    assert "test_tonights_diagnosis_matches_the_incident" in submitted
    page.screenshot(path=str(ARTIFACTS / "case-round-submitted.png"), full_page=True)
