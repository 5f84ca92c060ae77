"""`amends check` end to end: outputs, exit codes, stdin, SARIF, and the generated catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from amends.check.catalogue import catalogue_markdown

GOOD = (Path(__file__).parent / "corpus" / "acknowledge.yaml").read_text()
BAD = "We are aware that some customers are experiencing technical difficulties.\n"


def _good_text() -> str:
    import yaml

    return yaml.safe_load(GOOD)[0]["text"]


def test_clean_file_exits_0(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "ack.txt"
    p.write_text(_good_text())
    res = cli("check", p, "--stage", "acknowledge")
    assert res.code == 0, res.out
    assert "score 100/100" in res.out


def test_errors_exit_1_with_linter_lines(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.md"
    p.write_text(BAD)
    res = cli("check", p)
    assert res.code == 1
    assert f"{p}:1:19: warning vague " in res.out
    assert "stage acknowledge (inferred" in res.out


def test_json_output(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.txt"
    p.write_text(BAD)
    res = cli("check", p, "--format", "json", "--stage", "update")
    doc = json.loads(res.out)
    assert set(doc) == {"findings", "files"}
    f = doc["findings"][0]
    assert set(f) == {
        "path",
        "line",
        "column",
        "rule",
        "severity",
        "message",
        "suggestion",
        "replacements",
    }
    assert doc["files"][0]["stage"] == "update" and 0 <= doc["files"][0]["score"] <= 100


def test_sarif_output(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.txt"
    p.write_text(BAD)
    log = json.loads(cli("check", p, "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "vague" in ids
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"}
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_usage_and_input_errors_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("check", tmp_path / "missing.txt").code == 2
    assert cli("check", "--stage", "nope", tmp_path / "x").code == 2
    assert cli("check").code == 2
    p = tmp_path / "a.txt"
    p.write_text("x")
    assert cli("check", p, "--profile", "nope").code == 2
    bad_cfg = tmp_path / "c.toml"
    bad_cfg.write_text("[check]\ndisable=['zzz']\n")
    res = cli("check", p, "--config", bad_cfg)
    assert res.code == 2 and "zzz" in res.err


def test_stdin(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(BAD))
    res = cli("check", "-", "--format", "json")
    assert json.loads(res.out)["findings"][0]["path"] == "-"


def test_config_file_option(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.txt"
    p.write_text(BAD)
    cfg = tmp_path / "amends.toml"
    cfg.write_text('[check]\ndisable = ["all"]\n')
    assert cli("check", p, "--config", cfg).code == 0


def test_list_rules_markdown_is_the_catalogue(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("check", "--list-rules", "--format", "markdown")
    assert res.code == 0 and res.out == catalogue_markdown()


def test_docs_rules_md_is_generated() -> None:
    committed = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert committed.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/rules.md is stale: run `python -m amends.check.catalogue > docs/rules.md`"
    )


def test_folder_stands_for_its_statement_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text(_good_text())
    (tmp_path / "bad.md").write_text(BAD)
    (tmp_path / "notes.csv").write_text("not,a,statement\n")
    res = cli("check", tmp_path, "--format", "json")
    assert res.code == 1
    paths = [f["path"] for f in json.loads(res.out)["files"]]
    assert paths == [str(tmp_path / "bad.md"), str(tmp_path / "sub" / "good.txt")]


def test_empty_folder_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = cli("check", tmp_path)
    assert res.code == 2
    assert "no statement files" in res.out + res.err


def test_pre_commit_hook_runs_amends_check(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The shipped hook definition names this command, and the command takes the file list."""
    import shlex

    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [h for h in hooks if h["id"] == "amends-check"]
    assert hook["language"] == "python"
    assert set(hook["types_or"]) <= {"markdown", "html", "text"}
    program, *args = shlex.split(hook["entry"])
    assert program == "amends"
    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "b.txt").write_text(_good_text())
    res = cli(*args, *hook.get("args", []), tmp_path / "a.md", tmp_path / "b.txt")
    assert res.code == 1
    assert str(tmp_path / "a.md") in res.out


def test_draft_file_names_give_stage_channel_and_locale(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`amends check drafts/` after `amends draft -o drafts/`: each file is held to its own
    stage, channel and locale (from STAGE.CHANNEL.LOCALE[.AUDIENCE].EXT), as if given."""
    import yaml

    item = next(
        i
        for i in yaml.safe_load((Path(__file__).parent / "corpus" / "channels.yaml").read_text())
        if i.get("locale") == "es"
    )
    channel = item.get("channel", "web")
    named = tmp_path / f"{item['stage']}.{channel}.es.txt"
    named.write_text(item["text"])
    plain = tmp_path / "other.txt"
    plain.write_text(item["text"])
    inferred = json.loads(cli("check", named, "--format", "json").out)
    given = json.loads(
        cli(
            "check", plain, "--format", "json", "--stage", item["stage"],
            "--channel", channel, "--locale", "es",
        ).out
    )  # fmt: skip
    assert [f["rule"] for f in inferred["findings"]] == [f["rule"] for f in given["findings"]]
    assert inferred["files"][0]["stage"] == item["stage"]
