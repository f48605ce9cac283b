"""Search folding in Python, the same as the search box's ``kb-match.js``.

The browser tests and ``bench/bench_search.py`` use it to know which
articles a keyword must find, from the built HTML alone.
"""
from __future__ import annotations

import unicodedata

BREAK = set("，。、；：！？…—,.;:!?")


def fold(s: str) -> str:
    r"""What a keyword must match (as kb-match.js): quotes, brackets, dashes, spaces
    dropped; NFKC; lower case; clause punctuation a separator (\x01).

    >>> fold("“链主”企业 ＧＤＰ"), fold("动力，需要 22.76")
    ('链主企业gdp', '动力\x01需要2276')
    """
    out: list[str] = []

    def skip(c: str) -> bool:
        cat = unicodedata.category(c)
        return cat[0] in "PZ" or cat == "Cf" or c.isspace()
    for i, c in enumerate(s):
        f = unicodedata.normalize("NFKC", c).lower()
        if (f in BREAK or c in BREAK) and not (f == "." and s[i + 1:i + 2].isdigit()):
            if out and out[-1] != "\x01":
                out.append("\x01")
        elif not skip(c):
            out += [x for x in f if not skip(x)]
    return "".join(out)
