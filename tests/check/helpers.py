"""What the rule tests share: the rule ids `amends check` finds in one text, and every corpus
statement's text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from amends.check import check_text
from amends.check.config import CheckConfig
from amends.check.evaluate import load_corpus

HERE = Path(__file__).parent


@cache
def corpus_texts() -> tuple[str, ...]:
    """Every statement of every corpus folder here, read once per process."""
    texts: list[str] = []
    for folder in sorted(HERE.glob("corpus*")):
        texts += [item.text for item in load_corpus(folder)]
    return tuple(texts)


def rules(
    text: str,
    stage: str = "acknowledge",
    locale: str = "en",
    channel: str | None = None,
    **kw: Any,
) -> set[str]:
    """The ids of the rules that fire on `text` (checked as `stage`, in `locale`, for
    `channel`; `kw`: the rest of `check_text`'s options)."""
    return check_text(text, stage=stage, locale=locale, channel=channel, **kw).rule_ids()


def fires(rule: str, text: str, locale: str = "en", stage: str = "resolve") -> bool:
    """Whether `rule` fires on `text` (checked as a resolution by default, in `locale`)."""
    return rule in rules(text, stage, locale)


def patterns_fire(rule: str, text: str, locale: str = "en", stage: str = "resolve") -> bool:
    """Whether `rule` fires on `text` with the patterns alone (`learned = false`): the rounds'
    tests hold the patterns; the learned reading has its own tests."""
    return rule in rules(text, stage, locale, config=CheckConfig(learned=False))
