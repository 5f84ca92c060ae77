"""Precision cases from the design notes, locations, formats, stages, channels and locales."""

from __future__ import annotations

import pytest
from tests.check.helpers import rules

from amends.check import Stage, check_text, infer_stage
from amends.check.readability import syllables


def test_some_with_a_number_is_not_vague() -> None:
    assert "vague" not in rules("Some 38,000 customers in Sacramento lost calls.")
    assert "vague" in rules("Some customers in Sacramento lost calls.")


def test_briefing_is_not_minimise() -> None:
    assert "minimise" not in rules("We held a briefing for engineers at 3 PM.")
    assert "minimise" in rules("There was a brief loss of calls.")


def test_jargon_explained_right_after_is_fine() -> None:
    assert "jargon" not in rules(
        "Calls failed with SIP 503 (the network was too busy to take them)."
    )
    assert "jargon" in rules("Calls failed with SIP 503. We are on it.")


@pytest.mark.parametrize("slot", ["TBD", "[Product]", "{{ name }}", "XX:XX", "{% if x %}"])
def test_placeholders(slot: str) -> None:
    assert "placeholder" in rules(f"Calls failed at {slot}.")


def test_markdown_link_text_is_not_a_placeholder() -> None:
    assert "placeholder" not in rules("See [Our status page](https://x.example).", fmt="markdown")


def test_we_active_voice_is_ownership() -> None:
    assert "ownership" not in rules("We pushed a change that broke calls.")
    assert "ownership" in rules("A change was pushed that broke calls.")
    assert "ownership" in rules("This was not our fault.")


def test_finding_positions_point_into_the_source() -> None:
    src = "<p>We are sorry.</p>\n<p>Some <b>customers</b> hit technical difficulties.</p>\n"
    rep = check_text(src, stage="acknowledge", fmt="html")
    vague = [f for f in rep.findings if f.rule == "vague"]
    assert [(f.line, f.column) for f in vague] == [(2, 4), (2, 30)]
    assert src.splitlines()[1][29:].startswith("technical difficulties")


def test_markdown_position_and_stripping() -> None:
    src = "# Title\n\nWe are **sorry** for any inconvenience.\n"
    rep = check_text(src, stage="acknowledge", fmt="markdown")
    f = next(f for f in rep.findings if f.rule == "generic-apology")
    assert (f.line, f.column) == (3, 10)
    assert src.splitlines()[2][9:].startswith("sorry")


def test_inline_suppression_scopes() -> None:
    text = "<!-- amends: disable=vague -->\nSome customers lost calls.\n"
    assert "vague" not in rules(text)
    text2 = (
        "Some customers lost calls.\n<!-- amends: disable-next-line=vague -->\nSome users too.\n"
    )
    rep = check_text(text2, stage="acknowledge")
    assert [f.line for f in rep.findings if f.rule == "vague"] == [1]
    text3 = (
        "Some customers.\n<!-- amends: disable=vague -->\nSome users.\n"
        "<!-- amends: enable=vague -->\nSome areas."
    )
    rep3 = check_text(text3, stage="acknowledge")
    assert [f.line for f in rep3.findings if f.rule == "vague"] == [1, 5]


def test_when_needs_end_time_after_restoration() -> None:
    assert "when" not in rules("Since 2:05 PM PST calls failed.", "update")
    assert "when" in rules("Since 2:05 PM PST calls failed.", "resolve")
    assert "when" not in rules("Between 2:05 PM and 4:10 PM PST calls failed.", "resolve")


def test_cause_unknown_only_while_ongoing() -> None:
    text = "We do not know the cause yet; we will tell you when we do."
    assert "cause" not in rules(text, "update")
    assert "cause" in rules(text, "explain")


def test_sms_has_a_smaller_required_set() -> None:
    text = (
        "We're sorry: since 2:05 PM PST calls fail for 38,000 customers in Sacramento. "
        "Back by 7 PM PST. ex.co/s/1"
    )
    found = rules(text, channel="sms")
    assert not found & {"cause", "empathy", "ownership", "next_update", "support"}
    assert "support" in rules(text.replace(" ex.co/s/1", ""), channel="sms")
    assert "readability" in rules(text + " More words." * 10, channel="sms")


def test_stage_inference_gives_a_reason() -> None:
    g = infer_stage("Calls have been restored in Sacramento.")
    assert g.stage is Stage.RESOLVE and "restored" in g.reason
    assert infer_stage("Calls are failing in Perth.").stage is Stage.ACKNOWLEDGE
    assert infer_stage("Update: calls are still down in Perth.").stage is Stage.UPDATE
    rep = check_text("Calls have been restored.")
    assert rep.stage is Stage.RESOLVE and rep.stage_reason


def test_spanish_does_not_crash_and_uses_spanish_phrases() -> None:
    rep = check_text("Lo sentimos. Disculpe las molestias.", stage="acknowledge", locale="es")
    assert {"generic-apology"} <= rep.rule_ids()
    assert "apology" not in rep.rule_ids()


def test_score_and_errors() -> None:
    rep = check_text("Sorry for the inconvenience.", stage="acknowledge")
    assert rep.has_errors and 0 <= rep.score < 50
    assert check_text("", stage="acknowledge").score < 100


@pytest.mark.parametrize(
    ("word", "n"), [("the", 1), ("customers", 3), ("sorry", 2), ("little", 2), ("restored", 2)]
)
def test_syllables(word: str, n: int) -> None:
    assert syllables(word) == n


def test_readability_threshold_from_config() -> None:
    from amends.check import CheckConfig, Readability

    long = " ".join(["word"] * 25) + "."
    assert "readability" not in rules(long)
    cfg = CheckConfig(readability=Readability(sentence_words_max=20))
    assert "readability" in rules(long, config=cfg)


def test_spanish_singulars_hours_and_applied_dates() -> None:
    """Spanish drafts: '1 cliente' is a count, '24/7' is when help is there, 'se aplicará antes
    del 30 de marzo' says when a credit is applied (gaps found by compose's property tests)."""
    from amends.check import check_text

    def rules(text: str, stage: str) -> set[str]:
        return {f.rule for f in check_text(text, stage=stage, locale="es").findings}

    assert "who" not in rules("1 cliente en California no pudo llamar.", "acknowledge")
    assert "who" in rules("Algunos clientes no pudieron llamar.", "acknowledge")
    assert "support" not in rules("Llame al 611, 24/7, o escriba a ayuda@example.com.", "update")
    credit = "Le daremos un crédito de 5 dólares; se aplicará antes del 30 de marzo."
    assert "repair" not in rules(credit, "resolve")
    assert "repair" in rules("Le daremos un crédito.", "resolve")


def test_amounts_with_the_currency_after_the_number() -> None:
    """'3,00 US$' and '12,50 €' are amounts (Spanish and most European locales write them so)."""
    from amends.check.content import gives_amount

    for text in ("un crédito de 3,00 US$", "12,50 € en su factura", "a 5 USD credit", "$5"):
        assert gives_amount(text), text
    for text in ("version 3 of the app", "1.000 usuarios", "USD"):
        assert not gives_amount(text), text


def test_sentence_ends_agree_with_the_one_pattern_definition() -> None:
    """The fast scan of `split_sentences` cuts where the single look-behind pattern would."""
    import re

    from amends.check.source import split_sentences

    reference = re.compile(
        r"(?<![A-Z]\.[a-z])(?<!\b[ap]\.m)(?<!\be\.g)(?<!\bi\.e)[.!?]+(?=[\s\"')\]]|$)"
    )
    text = "It is 9 a.m. now. E.g. this one. U.S.A. is big. Done!!! Really? i.e. x. a.m.. Yes"
    ends = {e for _, e in split_sentences(text)}
    assert {m.end() for m in reference.finditer(text)} <= ends
    assert text[: min(ends)].endswith("now.")
