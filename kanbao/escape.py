"""Seed text → Markdown that shows exactly that text and nothing else.

Every ASCII punctuation character becomes a numeric character reference, so
no Markdown, HTML or extension syntax (``--8<--``, ``*[abbr]:``, ``{: attr}``,
``!!!``, ``$$``, ``==``, ``^^`` …) can ever form; newlines become spaces (a
block is one line).  Python-Markdown passes the references through and the
browser shows the original characters.

>>> escape_text("<script>*x*</script>")
'&#60;script&#62;&#42;x&#42;&#60;&#47;script&#62;'
>>> escape_text("中试平台")
'中试平台'
"""
from __future__ import annotations

import html
import string

_TABLE = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", ord("\u00a0"): "&#160;"})
# the private-use marks render.py uses for deferred glossary terms never come raw from a seed
_TABLE.update({c: f"&#{c};" for c in (0xE000, 0xE001, 0xE002)})


def escape_text(s: str) -> str:
    """Escape ``s`` for use as Markdown inline text (see module doc)."""
    return s.translate(_TABLE)


def escape_attr(s: str) -> str:
    """Escape ``s`` for an HTML attribute value inside Markdown.

    >>> escape_attr('a "b" <c>')
    'a &#34;b&#34; &#60;c&#62;'
    """
    return escape_text(s)


def unescape(s: str) -> str:
    """Inverse of :func:`escape_text` (for tests and checks)."""
    return html.unescape(s)
