"""Nothing lost: every non-space character of a seed must reach the page.

Characters are compared after NFKC (so a fixer that turned , into ， or ｡
into 。 loses nothing) with all whitespace removed.

>>> missing_text("中试，平台\\n07", ["中试,平台"], removed=["07"])
''
>>> missing_text("中试平台。链主", ["中试平台。"])
'链主'
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WS = re.compile(r"\s+")


def canon(s: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", s))


def missing_text(source: str, output: list[str], removed: list[str] = ()) -> str:
    """The first run of source text whose characters are missing from ``output`` ('' if none)."""
    have = Counter(canon("".join(output)))
    have.update(canon("".join(removed)))
    need = Counter(canon(source))
    lacking = need - have
    if not lacking:
        return ""
    src = canon(source)
    # report the first run of lacking characters in source order
    out, started = [], False
    for c in src:
        if lacking.get(c, 0) > 0:
            out.append(c)
            lacking[c] -= 1
            started = True
        elif started:
            break
    return "".join(out)[:40]
