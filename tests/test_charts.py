"""Charts and the pages around them: scores share an axis only when measured alike, provenance
shows, each chart's table lists exactly what it draws, and the records themselves are checked."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest
import yaml

from museum.catalog.scores import Score, all_scores, panels, spreads
from museum.cli import main
from museum.commands.build import gather
from museum.project import Project

from support import REPO, html, text_of, with_class

SCORE = "  - {{benchmark: {b}, variant: 1B, mode: {mode}, metric: {metric}, scale: percent, shots: {shots}, cot: false, provenance: {prov}{by}, score: {score}, source: card}}\n"


def record(b="MMLU", mode="base", metric="acc", shots=5, prov="self-reported", score=50.0, by=""):
    by = f", measured_by: {by}" if by else ""
    return SCORE.format(b=b, mode=mode, metric=metric, shots=shots, prov=prov, score=score, by=by)


def with_scores(museum, *lines: str) -> None:
    museum.edit("toy-2.yaml", "lineage:", "benchmarks:\n" + "".join(lines) + "lineage:")


@pytest.fixture(scope="module")
def catalog():
    found, _ = gather(Project(REPO))
    return found


# --- what may share an axis --------------------------------------------------------------


def groups_of(museum, *lines: str) -> list[list[float]]:
    with_scores(museum, *lines)
    catalog, _ = gather(Project(museum.root))
    return [[s.record.score for s in p.scores] for p in panels(all_scores(catalog))]


def test_scores_measured_alike_share_a_panel(museum):
    assert groups_of(museum, record(score=50), record(score=60, prov="independent", by="A leaderboard")) == [[60, 50]]


def test_thinking_and_non_thinking_never_share_a_panel(museum):
    got = groups_of(museum, record(mode="thinking", score=70), record(mode="non-thinking", score=40))
    assert sorted(got) == [[40], [70]]


def test_base_and_instruct_never_share_a_panel(museum):
    assert sorted(groups_of(museum, record(mode="base", score=45), record(mode="instruct", score=55))) == [[45], [55]]


def test_different_shots_or_metric_never_share_a_panel(museum):
    got = groups_of(museum, record(shots=5, score=50), record(shots=0, score=48), record(metric="acc_norm", score=52))
    assert sorted(got) == [[48], [50], [52]]


def test_unknown_settings_share_only_within_one_source_document(catalog):
    # The SmolLM3 card's base table (zero-shot, lighteval, metric not stated) puts SmolLM3 3B, Llama 3.2 3B and
    # Qwen3 1.7B/4B together; Gemma 3's own HellaSwag (10-shot) stays apart.
    hellaswag = [p for p in panels(s for s in all_scores(catalog) if s.record.benchmark == "HellaSwag")]
    smollm3 = next(p for p in hellaswag if any(s.specimen.slug == "smollm3" for s in p.scores))
    assert sorted(s.model for s in smollm3.scores) == ["Llama 3.2 3B", "Qwen3 1.7B", "Qwen3 4B", "SmolLM3 3B"]
    assert all("Gemma" not in s.model for s in smollm3.scores)


def test_spreads_list_one_model_measured_twice(catalog):
    mistral = next(s for s in spreads(catalog) if (s.model, s.benchmark) == ("Mistral 7B", "MMLU"))
    # Mistral 7B paper: 60.1 (5-shot); the Mixtral paper's re-run: 62.5
    assert sorted(x.record.score for x in mistral.scores) == [60.1, 62.5]


# --- the records are checked where they are written --------------------------------------


def check_errors(museum, capsys) -> list[str]:
    assert main(["check", "--root", str(museum.root)]) == 1
    return [line.split("specimens/")[-1] for line in capsys.readouterr().err.splitlines()]


def test_a_percent_above_100_is_rejected_with_file_and_line(museum, capsys):
    with_scores(museum, record(score=150))
    assert check_errors(museum, capsys)[0] == (
        "toy-2.yaml:32: benchmarks[0]: a score on the percent scale lies between 0 and 100, got 150"
    )


def test_a_missing_scale_is_rejected(museum, capsys):
    with_scores(museum, record().replace(" scale: percent,", ""))
    assert check_errors(museum, capsys)[:2] == [
        "toy-2.yaml:32: benchmarks[0].scale: required field is missing",
        "  hint: What the number is out of: `percent` (0–100), `out-of-10` or `elo`.",
    ]


def test_a_scale_that_does_not_fit_the_metric_is_rejected(museum, capsys):
    with_scores(museum, record(metric="elo"))
    assert (
        check_errors(museum, capsys)[0] == "toy-2.yaml:32: benchmarks[0]: a elo score is reported on elo, not percent"
    )


def test_someone_elses_score_names_who_measured_it(museum, capsys):
    with_scores(museum, record(prov="independent"))
    assert check_errors(museum, capsys)[0] == (
        "toy-2.yaml:32: benchmarks[0]: a score that is independent names who measured it in `measured_by`"
    )


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    return out


def marks(svg_root, prefix: str) -> list[str]:
    return sorted(
        el.get("id").split("--")[1] for el in svg_root.iter() if (el.get("id") or "").startswith(f"{prefix}-mark-")
    )


def test_each_benchmark_chart_lists_exactly_what_it_draws(site):
    page = html((site / "benchmarks.html").read_text())
    charts = [f for f in page.iter("figure") if "chart" in (f.get("class") or "")]
    assert len(charts) >= 10
    for figure in charts:
        prefix = figure.get("id")
        [table] = figure.iter("table")
        column = [th.text for th in table.iter("th")].index("Score")
        scores = sorted(f"{float(tr.findall('td')[column].text):g}" for tr in table.iter("tr") if tr.findall("td"))
        assert marks(figure, prefix) == scores, prefix


def test_provenance_is_in_the_legend(site):
    page = html((site / "benchmarks.html").read_text())
    [mmlu] = [f for f in page.iter("figure") if f.get("id") == "fig-bench-3"] or [None]
    notes = [text_of(li) for f in page.iter("figure") for ul in with_class(f, "ul", "chart-notes") for li in ul]
    assert "reported by the model's makers (hatched)" in notes
    assert "measured for another model's report (solid)" in notes
    assert mmlu is not None


def test_the_benchmarks_csv_has_every_score(site):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "benchmarks.csv").read_text())))
    expected = sum(
        len(yaml.safe_load(p.read_text()).get("benchmarks") or []) for p in (REPO / "specimens").glob("[!_]*.yaml")
    )
    assert len(rows) == expected and expected >= 195 + 40
    assert list(rows[0]) == ["dossier", "model", "variant", "benchmark", "mode", "metric", "scale", "shots", "cot",
                             "harness", "provenance", "measured_by", "score", "setting", "note", "source_id",
                             "source_title", "source_url"]  # fmt: skip
    assert sum(r["provenance"] != "self-reported" for r in rows) >= 40


def test_timeline_devices_and_numbers_pages(site):
    timeline = html((site / "timeline.html").read_text())
    assert [f.get("id") for f in timeline.iter("figure")] == ["fig-timeline", "fig-sizes"]
    labels = [t for t in timeline.iter("{http://www.w3.org/2000/svg}text")] + list(timeline.iter("text"))
    assert any("Phi-4-mini" in "".join(t.itertext()) for t in labels)
    devices = html((site / "devices.html").read_text())
    assert [f.get("id") for f in devices.iter("figure")] == ["fig-ladder"]
    numbers = text_of(html((site / "why-the-numbers-lie.html").read_text()))
    assert "Mistral 7B MMLU 2.4" in numbers  # 62.5 (Mixtral paper) − 60.1 (Mistral 7B paper)


def test_chart_ids_are_unique_on_every_page(site):
    for path in site.rglob("*.html"):
        ids = [el.get("id") for el in html(path.read_text()).iter() if el.get("id")]
        assert len(ids) == len(set(ids)), path.name


def test_commands_that_draw_nothing_do_not_import_matplotlib():
    code = ("import sys; from museum.cli import main; main(['check', '--root', sys.argv[1]]); "
            "print('matplotlib' in sys.modules)")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_scores_know_their_model(catalog):
    score = next(s for s in all_scores(catalog) if s.specimen.slug == "qwen3" and s.record.variant == "4B")
    assert isinstance(score, Score) and score.model == "Qwen3 4B"
    assert re.fullmatch(r"https://\S+", score.source_url)


def test_one_benchmark_one_spelling(museum, capsys):
    museum.write("toy-1.yaml", (museum.root / "specimens" / "toy-1.yaml").read_text()
                 .replace("sources:", "benchmarks:\n" + record(b="MT-bench").replace("1B", "7B").replace("card", "paper")
                          + "sources:"))  # fmt: skip
    with_scores(museum, record(b="MT-Bench"))
    assert check_errors(museum, capsys)[:2] == [
        "toy-2.yaml:32: benchmarks[0].benchmark: 'MT-Bench' is spelled 'MT-bench' elsewhere",
        "  hint: write 'MT-bench', so the scores can be compared",
    ]


def test_a_chart_reaching_far_past_its_figure_is_drawn_whole():
    """A chart is drawn once and cropped to what it draws; a mark so far outside the figure that the
    room around it does not hold it would be clipped away there, so such a chart is drawn again, fitted."""
    from matplotlib.lines import Line2D

    from museum.figures import charts

    plt = charts._pyplot()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    far = Line2D([-5, -4.5], [0.5, 0.5], transform=fig.transFigure, gid="far-line")  # 20 inches to the left
    fig.add_artist(far)
    svg = charts._svg(fig)
    drawn = re.search(r'<g id="far-line">\s*<path d="M ([-\d.]+) ', svg)
    assert drawn, "the far line was clipped away"
    x, w = (float(v) for v in re.search(r'viewBox="([-\d.]+) [-\d.]+ ([\d.]+)', svg).groups())
    assert x <= float(drawn[1]) <= x + w  # and it lies inside the picture
