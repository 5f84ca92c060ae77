"""Draft behaviour: refusals with the missing fields, honest forms, local times and numbers,
SMS segments, HTML escaping, template and catalog overrides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.compose.records import base_incident, fixed_incident, now_for, window

from amends.compose import MissingFacts, draft
from amends.compose.gsm import segments
from amends.compose.translations import extract
from amends.errors import InputError
from amends.incident import Cause, RegionInfo

ES_PO = Path(__file__).parents[2] / "src/amends/compose/locale/es/LC_MESSAGES/amends.po"


def test_resolve_refuses_without_cause_and_lists_fields() -> None:
    record = fixed_incident("resolve").model_copy(update={"cause": Cause(), "compensation": None})
    with pytest.raises(MissingFacts) as info:
        draft(record, "resolve", "web", now=now_for("resolve"))
    assert {"cause.category", "cause.description", "compensation"} <= set(info.value.fields)
    assert "cause.category" in str(info.value)


def test_todo_marker_refuses_and_never_reaches_text() -> None:
    record = fixed_incident("acknowledge")
    record = record.model_copy(
        update={"regions": {"CA": RegionInfo(name="TODO(person): name", time_zone="UTC")}}
    )
    with pytest.raises(MissingFacts) as info:
        draft(record, "acknowledge", "sms", now=now_for("acknowledge"))
    assert info.value.fields == ["regions.CA.name"]


def test_short_channels_need_the_status_link() -> None:
    record = fixed_incident("acknowledge").model_copy(update={"status_url": None})
    draft(record, "acknowledge", "web", now=now_for("acknowledge"))  # web does not need it
    with pytest.raises(MissingFacts, match="status_url"):
        draft(record, "acknowledge", "social", now=now_for("acknowledge"))


def test_spanish_needs_translations_of_free_text() -> None:
    record = fixed_incident("resolve")
    tr = dict(record.translations["es"])
    del tr["cause.description"]
    record = record.model_copy(update={"translations": {"es": tr}})
    draft(record, "resolve", "web", "en", now=now_for("resolve"))
    with pytest.raises(MissingFacts) as info:
        draft(record, "resolve", "web", "es", now=now_for("resolve"))
    assert info.value.fields == ["translations.es.cause.description"]


def test_unknown_cause_and_no_eta_use_the_honest_forms() -> None:
    record = fixed_incident("acknowledge")
    assert record.eta is None and not record.cause.known
    d = draft(record, "acknowledge", "web", now=now_for("acknowledge"))
    assert "We do not know the cause yet; we will tell you when we do." in d.text
    assert "We cannot yet give an estimate of when service will be restored." in d.text
    # next update = now + 60 minutes, rounded up to 5 minutes, in California's own zone
    assert "Our next update will be by 3:40 PM PDT." in d.text
    es = draft(record, "acknowledge", "web", "es", now=now_for("acknowledge"))
    assert "Todavía no sabemos la causa" in es.text
    assert "antes de las 15:40 PDT" in es.text


def test_times_in_the_areas_zone_with_abbreviation_and_locale_numbers() -> None:
    d = draft(fixed_incident("resolve"), "resolve", "email", "en", now=now_for("resolve"))
    assert "from 2:12 PM PDT to 4:05 PM PDT on Tuesday, March 10" in d.text
    assert "3,321 customers in California" in d.text
    es = draft(fixed_incident("resolve"), "resolve", "email", "es", now=now_for("resolve"))
    assert "de las 14:12 PDT a las 16:05 PDT del martes 10 de marzo" in es.text
    assert "3.321 clientes en California" in es.text
    # in winter the same zone reads PST
    winter = fixed_incident("resolve")
    jan = [
        w.model_copy(update={"start": w.start.replace(month=1), "end": w.end.replace(month=1)})
        for w in winter.windows
        if w.end is not None
    ]
    winter = winter.model_copy(update={"windows": jan, "restored_at": None})
    w = draft(winter, "resolve", "web", "en", now=now_for("resolve"))
    assert "1:12 PM PST to 3:05 PM PST" in w.text


def test_ongoing_window_is_described_as_ongoing() -> None:
    d = draft(fixed_incident("update"), "update", "web", now=now_for("update"))
    assert "have been failing since 2:12 PM PDT" in d.text
    assert "So far, 3,321 customers" in d.text
    assert "We expect service to be restored by 5:12 PM PDT." in d.text


def test_silence_window_needs_the_areas_size() -> None:
    silent = window(
        kind="silence", subscribers_affected=0, failed_attempts=0, missing_attempts=812.4
    )
    record = fixed_incident("acknowledge").model_copy(update={"windows": [silent]})
    with pytest.raises(MissingFacts) as info:
        draft(record, "acknowledge", "web", now=now_for("acknowledge"))
    assert info.value.fields == ["regions.CA.services_total"]
    sized = record.model_copy(
        update={
            "regions": {
                "CA": RegionInfo(
                    name="California", time_zone="America/Los_Angeles", services_total=41_000
                )
            }
        }
    )
    d = draft(sized, "resolve" if False else "acknowledge", "web", now=now_for("acknowledge"))
    assert "Up to 41,000 customers in California could not make these calls" in d.text
    assert "about 812 calls were lost" in d.text
    assert not d.check.has_errors


def test_sms_fits_one_gsm7_segment_or_states_segments() -> None:
    d = draft(fixed_incident("acknowledge"), "acknowledge", "sms", now=now_for("acknowledge"))
    assert (d.segments, d.encoding) == (1, "gsm-7")
    assert len(d.text.strip()) <= 160
    assert d.text.startswith("Sorry:")
    long_url = "https://status.example.com/incidents/2026/03/10/california-long-distance-calls"
    record = fixed_incident("acknowledge").model_copy(update={"status_url": long_url})
    d = draft(record, "acknowledge", "sms", now=now_for("acknowledge"))
    assert d.segments == segments(d.text.strip())[0] and d.segments > 1


def test_gsm7_counting() -> None:
    assert segments("a" * 160) == (1, "gsm-7")
    assert segments("a" * 161) == (2, "gsm-7")
    assert segments("€" * 80) == (1, "gsm-7")  # extension characters take two septets
    assert segments("€" * 81) == (2, "gsm-7")
    assert segments("á" + "a" * 69) == (1, "ucs-2")
    assert segments("á" + "a" * 70) == (2, "ucs-2")


def test_social_fits_280() -> None:
    for stage in ("acknowledge", "update", "resolve", "explain", "follow_up"):
        d = draft(fixed_incident(stage), stage, "social", now=now_for(stage))
        assert len(d.text.strip()) <= 280


def test_email_has_subject_text_and_escaped_html() -> None:
    record = fixed_incident("resolve").model_copy(
        update={"symptom": "a page saying <script>alert(1)</script>"}
    )
    d = draft(record, "resolve", "email", now=now_for("resolve"))
    assert (
        d.subject == "Fixed: Long-distance calls and international calls in California work again"
    )
    assert d.html is not None and d.html.startswith("<!doctype html>")
    assert "<script>" not in d.html and "&lt;script&gt;" in d.html
    assert "<h1>" in d.html and "#" not in d.text.splitlines()[0]


def test_explanation_has_the_seed_structure_and_keywords() -> None:
    d = draft(fixed_incident("explain"), "explain", "web", now=now_for("explain"))
    heads = [ln for ln in d.text.splitlines() if ln.startswith("#")]
    assert heads == [
        "# We owe you an explanation: the outage in California",
        "## What happened",
        "## Why it happened",
        "## What we are doing to fix it",
        "### Immediate fixes",
        "### Long-term solutions",
        "### Customer support",
        "### Compensation",
        "## Looking ahead",
        "## Tell us what you think",
    ]
    assert "- We had only one fiber route into that exchange." in d.text
    assert d.keywords[:2] == ["long-distance calls", "international calls"]
    assert d.text.rstrip().endswith("fiber cut, apology, credit")


def test_follow_up_reports_each_action_status() -> None:
    record = fixed_incident("follow_up")
    acts = record.fixes.long_term
    record = record.model_copy(
        update={
            "fixes": record.fixes.model_copy(
                update={
                    "long_term": [
                        acts[0].model_copy(update={"status": "done"}),
                        acts[1].model_copy(update={"status": "missed"}),
                    ]
                }
            )
        }
    )
    d = draft(record, "follow_up", "web", now=now_for("follow_up"))
    assert "Done: we said we would add a second fiber route" in d.text
    assert "Missed: we said we would alert the engineer on call" in d.text
    assert not d.check.has_errors


def test_user_template_folder_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "acknowledge.sms.j2").write_text(
        "{% import '_short.j2' as sh with context %}"
        "{{ sh.opening(main, main.times[0], main.services) }} Info: {{ f.status_url }}",
        encoding="utf-8",
    )
    d = draft(
        fixed_incident("acknowledge"),
        "acknowledge",
        "sms",
        templates=tmp_path,
        now=now_for("acknowledge"),
    )
    assert "Info: https://status.example.com/i/demo" in d.text
    web = draft(
        fixed_incident("acknowledge"),
        "acknowledge",
        "web",
        templates=tmp_path,
        now=now_for("acknowledge"),
    )
    assert "Our next update will be by" in web.text  # other files still ours


def test_a_third_language_is_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no translation catalog for language 'pt'"):
        draft(fixed_incident("acknowledge"), "acknowledge", "web", "pt", now=now_for("acknowledge"))
    folder = tmp_path / "locale" / "pt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = ES_PO.read_text(encoding="utf-8").replace("Lo sentimos mucho.", "Pedimos desculpas.")
    (folder / "amends.po").write_text(po, encoding="utf-8")
    record = fixed_incident("acknowledge")
    record = record.model_copy(
        update={"locales": ["en", "pt"], "translations": {"pt": record.translations["es"]}}
    )
    d = draft(record, "acknowledge", "web", "pt", templates=tmp_path, now=now_for("acknowledge"))
    assert "Pedimos desculpas." in d.text


def test_shipped_catalogs_translate_every_message() -> None:
    from babel.messages.pofile import read_po

    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    with ES_PO.open("rb") as fh:
        es = read_po(fh, locale="es")
    have = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in es if m.id}
    assert wanted <= set(have)
    assert all(have[k] and (have[k] if isinstance(have[k], str) else all(have[k])) for k in wanted)


def test_unknown_stage_channel_and_locale_are_input_errors() -> None:
    record = fixed_incident("acknowledge")
    with pytest.raises(InputError, match="unknown stage"):
        draft(record, "apologise", "web")
    with pytest.raises(InputError, match="unknown channel"):
        draft(record, "acknowledge", "fax")
    with pytest.raises(InputError, match="unknown locale"):
        draft(record, "acknowledge", "web", "xx-!!")


def test_base_record_alone_refuses_for_web() -> None:
    with pytest.raises(MissingFacts) as info:
        draft(base_incident(), "acknowledge", "web", now=datetime(2026, 3, 10, 22, tzinfo=UTC))
    assert info.value.fields == ["support"]


def test_a_passed_eta_is_refused_not_repeated() -> None:
    record = fixed_incident("update")
    assert record.eta is not None and record.eta.at is not None
    late = record.eta.at + timedelta(minutes=1)
    with pytest.raises(MissingFacts, match="the estimate has passed"):
        draft(record, "update", "web", now=late)


def test_an_incomplete_catalog_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locale" / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = ES_PO.read_text(encoding="utf-8").replace('msgstr "Lo sentimos mucho."', 'msgstr ""')
    (folder / "amends.po").write_text(po, encoding="utf-8")
    with pytest.raises(InputError, match=r"1 message\(s\) untranslated.*'We are sorry\.'"):
        draft(
            fixed_incident("acknowledge"),
            "acknowledge",
            "web",
            "it",
            templates=tmp_path,
            now=now_for("acknowledge"),
        )


def test_an_ongoing_stage_never_states_an_end_that_is_still_in_the_future() -> None:
    """Drafted as of `now`, an acknowledgement cannot know when the outage will end."""
    from zoneinfo import ZoneInfo

    record = fixed_incident("resolve")  # the finished record: every window has its end
    window = record.windows[0]
    assert window.end is not None
    now = window.start + timedelta(minutes=15)
    ongoing = record.model_copy(update={"status": "investigating"})
    ack = draft(ongoing, "acknowledge", "web", "en", now=now)
    zone = ZoneInfo(record.regions[window.regions[0]].time_zone)
    end_clock = window.end.astimezone(zone)
    said = end_clock.strftime("%-I:%M %p")
    assert said not in ack.text, ack.text
