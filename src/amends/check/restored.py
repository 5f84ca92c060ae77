# ruff: noqa: E501
"""The fix told as an act followed by the service's return (round 6 of issue 19).

Statements tell the repair by whatever was done, then say that service came back: "Our engineers
plugged the old gear back in, and service was back by 2.25pm", "had everything running again by
8.45pm", "Los técnicos copiaron la configuración y a las 18:20 volvió la conexión". A list of
repair verbs trails the next writer (the fifth blind set's commonest false `fix` alarm); the
structure does not: an act of ours in the past (`admission.ACT`) and, after it in the same
sentence, the service returning. The act "did something, and it came back" is the fix whatever
its verb. The thing done again ("lo volvió a conectar", the Spanish "re-" form) counts as well.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from amends.check import compiled
from amends.check.admission import ACT, _low, _rx, _table

if TYPE_CHECKING:
    from amends.check.source import Doc

#: The service returning, after the act in the same sentence: "and service returned", "calls came
#: back at", "everything back up by", "running again by", "y a las 18:20 volvió la conexión".
RETURNED: dict[str, re.Pattern[str]] = {
    "en": _rx(
        r"\b(?:returned|came back|(?:was|were) back|reconnected|recovered|(?:was|were) restored|(?:was|were) working again|"
        r"(?:was|were) (?:back )?online)\b|"
        r"\b(?:back up|back on|back online|running again|working again|up again) (?:by|at|from|before)\b|"
        # round 30: "and calls connected again", "and downloads resumed at 3.30pm"
        r"\b(?:connected|worked|loaded|synced|opened|started working) again\b|\bresumed\b"
    ),
    "es": _rx(
        # (not "volvió a fallar": it failed again)
        r"\b(?:volvió|volvieron|regresó|regresaron)\b(?! a \w+(?:ar|er|ir)\b)|\b(?:se recuperó|se recuperaron|se restableció|"
        r"se restablecieron|funcionó de nuevo|funcionaron de nuevo|se reactivó|se reactivaron)\b|"
        r"\b(?:lo|la|los|las) volvi(?:ó|eron|mos) a \w+(?:ar|er|ir)\b"
    ),
}


#: Round 17: an act that names nothing done ("made the necessary adjustments", "took the
#: appropriate steps"): the return after it does not tell the fix.
VAGUE_ACT = compiled.compile(
    r"\b(?:made|carried out|did|took|performed) (?:the |some |all )?(?:necessary|required|appropriate|needed|relevant)? ?"
    r"(?:adjustments|changes|steps|actions?|work|measures)\b(?! (?:to|on|at|in) (?:the|our|a|an) [\w-]+)",
    re.I,
)


def acted_then_restored(doc: Doc, locale: str) -> bool:
    """True when a sentence tells an act of ours and then the service's return (the fix)."""
    returned, text = _low(_table(RETURNED, locale), doc)
    if returned.search(text) is None:
        return False
    act, _ = _low(_table(ACT, locale), doc)
    for s, e in doc.sentences:
        back = returned.search(text, s, e)
        if back is None:
            continue
        if back.group(0).lower().startswith(("lo ", "la ", "los ", "las ")):
            return True  # the re- form is the act itself
        if act.search(text, s, back.start() + 1) is not None and not VAGUE_ACT.search(
            text, s, back.start()
        ):
            return True
    return False
