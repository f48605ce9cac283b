"""Bytes of a seed file → text with ``\\n`` newlines.

Accepts UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 (which
covers GBK and GB2312).  CRLF and CR become LF.  Anything else is refused
with a :class:`DecodeError` that names the file.

>>> decode_bytes("给\\r\\n你".encode("gbk"))
'给\\n你'
>>> decode_bytes(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad")
'中'
"""
from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """A seed that is not text in an encoding we read."""


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(4, len(text) // 100)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode ``data``; raise :class:`DecodeError` naming ``name`` when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    else:
        candidates = [("utf-8", data), ("gb18030", data)]
    for enc, payload in candidates:
        try:
            text = payload.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise DecodeError(f"{name}: looks like a binary file (control bytes), not a text dump")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise DecodeError(f"{name}: not UTF-8, UTF-16 (with BOM) or GB18030 text")
