"""The workshop workbench through Starlette's test client: the scenario in the URL, the three
panes from one state, errors beside their field, downloads, and the limits on what a browser
may ask."""

from __future__ import annotations

import html
import io
import re
import zipfile
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from modellaw.cli import main
from modellaw.serve.app import create_app
from modellaw.serve.scenario import Scenario, Workbench, parse_query

from .conftest import ROOT


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(ROOT))


def _panes(client: TestClient, *items: tuple[str, str]):
    return client.get("/panes", params=[("profile", "za"), *items])


def test_the_page_shows_options_bill_checklist_and_review(client):
    page = client.get("/?profile=za").text
    assert '<select id="profile" name="profile"' in page
    assert ('<input type="number" id="in-definition-child.age" name="definition-child.age" '
            'value="18" min="16" max="21">') in page
    assert "Technology-Facilitated Child Sex Trafficking" in page
    assert "Gap checklist: South Africa" in page
    assert "Review against the model law" in page
    # every parameter of every clause in the bill has its field, named as --set names it
    bench = Workbench(ROOT)
    outcome = bench.evaluate(Scenario("za"))
    chosen = {c for c in outcome.profile.optional}
    for clause in bench.library.clauses.values():
        if clause.core or clause.id in chosen:
            for name in clause.parameters:
                assert f'name="{clause.id}.{name}"' in page


def test_a_weakening_option_is_flagged_in_red_with_the_reports_reasoning(client):
    response = _panes(client, ("definition-child.age", "16"), ("prev", "profile=za"))
    assert response.status_code == 200
    text = response.text
    finding = re.search(r'<div class="finding high">(.*?)</div>', text, re.S).group(1)
    assert "weakens protection" in finding
    assert "\u201cchild\u201d is defined as a person under 16, not under 18" in finding
    assert "definition of \u201cchild\u201d" in finding          # the provision it touches
    assert "dual criminality" in finding                          # the report's reasoning
    # what just changed: only the new age is marked in the bill
    assert re.findall(r"<mark>(.*?)</mark>", text) == ["16"]


def test_the_url_carries_the_scenario_in_the_clis_set_syntax(client):
    response = _panes(client, ("definition-child.age", "16"), ("definition-child.age", "16"))
    pushed = response.headers["HX-Push-Url"]
    assert pushed == "/?profile=za&set=definition-child.age%3D16"
    # the pushed URL, opened afresh (bookmarked, shared), shows the same scenario
    page = client.get(pushed).text
    assert 'value="16"' in page and "This option weakens protection." in page
    assert parse_query(parse_qsl(urlsplit(pushed).query)) == Scenario(
        "za", (("definition-child.age", "16"),))


def test_values_equal_to_the_profiles_are_not_put_in_the_url(client):
    bench = Workbench(ROOT)
    clause = bench.library.clauses["offence-recruitment"]
    current = bench.effective(Scenario("za"), clause, clause.parameters["max_years"])
    response = _panes(client, ("definition-child.age", "18"),
                      ("offence-recruitment.max_years", str(current)))
    assert response.headers["HX-Push-Url"] == "/?profile=za"


def test_an_invalid_value_is_shown_beside_its_field_and_changes_nothing_else(client, tmp_path):
    response = _panes(client, ("definition-child.age", "99"))
    assert response.status_code == 200
    assert response.headers["HX-Reswap"] == "none"          # the panes stay as they were
    assert "HX-Push-Url" not in response.headers            # and so does the URL
    field = re.search(r'<span class="error" id="err-definition-child--age"[^>]*>(.*?)</span>',
                      response.text).group(1)
    assert field == "definition-child.age: 99 is above the maximum 21"
    cli = CliRunner().invoke(main, ["draft", "za", "--set", "definition-child.age=99",
                                    "-o", str(tmp_path / "za.md")])
    assert cli.exit_code == 2
    assert "definition-child.age: 99 is above the maximum 21" in cli.output
    wrong_type = _panes(client, ("offence-recruitment.max_years", "ten"))
    assert "expected int, got 'ten'" in html.unescape(wrong_type.text)
    unknown = client.get("/panes", params=[("profile", "za"), ("no-such.param", "1")])
    assert "unknown clause 'no-such'" in html.unescape(unknown.text)


def test_switching_an_optional_clause_changes_the_bill_and_the_checklist(client):
    off = _panes(client).text
    on = _panes(client, ("clause", "financial-reporting")).text
    assert "Suspicious transactions" not in off.split('<aside')[0]
    assert "Suspicious transactions" in on.split('<aside')[0]
    pushed = _panes(client, ("clause", "financial-reporting")).headers["HX-Push-Url"]
    assert pushed == "/?profile=za&on=financial-reporting"


def test_downloads_are_the_files_the_cli_writes(client, tmp_path):
    query = "profile=za&set=definition-child.age%3D16"
    docx = client.get(f"/download?{query}&what=bill&format=docx")
    assert docx.headers["content-disposition"] == 'attachment; filename="za-bill.docx"'
    out = tmp_path / "za.docx"
    result = CliRunner().invoke(main, ["draft", "za", "--set", "definition-child.age=16",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.content == out.read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        assert "under the age of 16" in z.read("word/document.xml").decode()
    md = client.get(f"/download?{query}&what=bill&format=md").text
    assert "under the age of 16 years" in md
    akn = client.get(f"/download?{query}&what=bill&format=akn")
    assert akn.content.startswith(b"<?xml") and b"akomaNtoso" in akn.content[:400]
    page = client.get(f"/download?{query}&what=bill&format=html").text
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    checklist = client.get(f"/download?{query}&what=checklist&format=csv").text
    assert "child-definition" in checklist
    handout = client.get(f"/download?{query}&what=handout&format=html")
    assert handout.status_code == 200 and "<html" in handout.text
    bad = client.get(f"/download?{query}&what=bill&format=exe")
    assert bad.status_code == 400 and "downloads as docx, md, akn, html" in bad.text


def test_two_scenarios_side_by_side(client):
    page = client.get("/compare", params={"a": "profile=model",
                                          "b": "profile=model&set=definition-child.age=16"}).text
    a, b = page.split('<section class="side-B"')
    assert "<mark>" not in a and re.findall(r"<mark>(.*?)</mark>", b) == ["16"]
    assert "weakens" in b and "weakens" not in a.split("<article")[0]


def test_hovering_a_provision_shows_its_clause_element_and_sources(client):
    page = client.get("/?profile=model").text
    definition = re.search(r'<div class="p def"[^>]*data-clause="definition-child"[^>]*>', page)
    title = re.search(r'title="([^"]*)"', definition.group(0)).group(1)
    assert "Clause: definition-child" in title and "Element: child-definition" in title
    assert "Sources: " in title


@pytest.mark.parametrize("query", ["profile=../../etc/passwd", "profile=%2Fetc%2Fhosts",
                                   "profile=jurisdictions/za.yaml", "profile=ZA"])
def test_nothing_a_browser_sends_names_a_file(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 400 and "unknown profile" in response.text
    assert "Traceback" not in response.text


def test_requests_are_bounded(client):
    assert client.post("/", content=b"x").status_code == 405
    assert client.get("/?profile=za&" + "set=a.b%3D1&" * 2000).status_code == 414
    many = [("set", f"definition-child.age={i}") for i in range(300)]
    assert client.get("/", params=[("profile", "za"), *many]).status_code == 400
    assert client.get("/", params={"profile": "za", "set": "definition-child.age=" + "9" * 500}
                      ).status_code == 400


def test_profile_values_stay_data(tmp_path):
    root = tmp_path / "lib"
    (root / "jurisdictions").mkdir(parents=True)
    for folder in ("clauses", "handouts"):
        (root / folder).symlink_to(ROOT / folder)
    (root / "jurisdictions" / "bases").symlink_to(ROOT / "jurisdictions" / "bases")
    model = (ROOT / "jurisdictions" / "model.yaml").read_text()
    (root / "jurisdictions" / "model.yaml").write_text(
        model.replace("name: Model Law", 'name: "<b>Model</b> {{ 7*7 }}"'))
    page = TestClient(create_app(root)).get("/?profile=model").text
    assert "&lt;b&gt;Model&lt;/b&gt; {{ 7*7 }}" in page
    assert "49" not in page.split("<title>")[1].split("</title>")[0]
    assert "<b>Model</b>" not in page


def test_the_server_binds_to_loopback_unless_told(monkeypatch):
    started = {}

    def fake_run(app, host, port, **kwargs):
        started.update(host=host, port=port)

    import uvicorn
    monkeypatch.setattr(uvicorn, "run", fake_run)
    runner = CliRunner()
    assert runner.invoke(main, ["serve", "--root", str(ROOT)]).exit_code == 0
    assert started == {"host": "127.0.0.1", "port": 8765}
    refused = runner.invoke(main, ["serve", "--root", str(ROOT), "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--allow-lan" in refused.output
    lan = runner.invoke(main, ["serve", "--root", str(ROOT), "--host", "0.0.0.0",
                               "--allow-lan"])
    assert lan.exit_code == 0 and "warning:" in lan.output and started["host"] == "0.0.0.0"


def test_the_review_pane_shows_findings_and_lists_mere_rewording_apart(client):
    page = client.get("/?profile=qa").text
    review = page.split('aria-label="Review against the model law"')[1].split("</section>")[0]
    headings = re.findall(r'<div class="element (\w+)">\s*<h3>', review)
    blocks = review.split('<div class="element ')[1:]
    assert headings and all('<div class="finding' in b for b in blocks)
    reworded = re.search(r'<p class="reworded">(.*?)</p>', review, re.S).group(1)
    assert "Worded differently from the model" in reworded
    assert "Distinct offence in the penal code" in reworded     # civil-law words, no weakening
    strong = re.findall(r"<strong>(.*?)</strong>", review)       # rules by title, not by id
    assert "The draft meets less of a model element" in strong
    assert not any(re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)+", s) for s in strong)
