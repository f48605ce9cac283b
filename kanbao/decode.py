"""Bytes of a seed file → text with ``\\n`` newlines.

Accepts UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (which covers
GBK and GB2312) and Big5 (traditional characters).  CRLF, CR, form feeds and
Unicode line separators become LF; other control characters (C0, DEL, C1,
bidi overrides) are removed.  Anything else is refused with a
:class:`DecodeError` that names the file.

GB18030 decodes almost any byte sequence without error, so success is no
evidence: a legacy decoding is kept only if it is *plausible*, i.e. most of
its Chinese characters are common ones (GB2312 level 1 or Big5 level 1, about
3,800 and 5,400 characters that make up 99 % of running text).  Big5,
Shift-JIS or EUC-KR read as GB18030 come out as rare characters and fail.

>>> decode_bytes("给\\r\\n你".encode("gbk"))
'给\\n你'
>>> decode_bytes(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad")
'中'
>>> decode_bytes("臺北報導".encode("big5"))
'臺北報導'
>>> decode_bytes("标题\\x7f\\x85正文".encode("utf-8"))
'标题\\n正文'
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from collections import Counter
from functools import lru_cache
from pathlib import Path


class DecodeError(ValueError):
    """A seed that is not text in an encoding we read."""


@dataclass
class Decoded:
    """A decoded seed: its text, the encoding used, and what cleaning changed."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


# Newlines: CR, form feed (pdftotext's page break), vertical tab, NEL, LS, PS.
_NEWLINES = re.compile("\r\n|[\r\f\v\x85\u2028\u2029]")
# Removed: C0 controls but tab and LF, DEL, C1, BOM inside the text, bidi embedding/override/isolate.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069]")

_SURROGATES = re.compile("[\ud800-\udfff]")

MIN_PLAUSIBLE = 0.7      # share of frequent characters a GB18030 decoding must reach (real pages: 0.88–0.99)
MIN_BIG5 = 0.85          # share of Big5 level-1 characters a Big5 decoding must reach
_MIN_SAMPLE = 8          # fewer Chinese characters than this: too little evidence, accept


def clean_controls(text: str) -> tuple[str, int]:
    """Normalize newlines and drop control characters; return the text and how many were dropped.

    >>> clean_controls("a\\r\\nb\\x0c c\\x7f\\x9bd\\u202e")
    ('a\\nb\\n cd', 3)
    """
    text = _NEWLINES.sub("\n", text)
    cleaned, n = _CONTROLS.subn("", text)
    return cleaned, n


def clean_name(name: str) -> str:
    """A file name as shown to readers: control characters and newlines removed.

    >>> clean_name("第\\x7f07\\n版.txt"), clean_name(b"a\\xff.txt".decode("utf-8", "surrogateescape"))
    ('第07版.txt', 'a\ufffd.txt')
    """
    name = _SURROGATES.sub("\ufffd", name)   # bytes of a file name that were not UTF-8
    return _CONTROLS.sub("", _NEWLINES.sub("", name)).replace("\n", "").replace("\t", " ")


@lru_cache(maxsize=1)
def frequent_chars(n: int = 1500) -> frozenset[str]:
    """The ``n`` most frequent characters of Chinese text, counted over jieba's
    dictionary (word frequencies): about 90 % of a newspaper page's characters.

    >>> f = frequent_chars(); "的" in f, "中" in f, "鐰" in f
    (True, True, False)
    """
    import jieba
    counts: Counter[str] = Counter()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            word, freq = line.split(" ", 2)[:2]
            f = int(freq)
            for c in word:
                counts[c] += f
    return frozenset(c for c, _ in counts.most_common(n))


@lru_cache(maxsize=1)
def big5_level1() -> frozenset[str]:
    """The 5,401 frequently used traditional characters of Big5 (lead bytes A4–C6).

    >>> len(big5_level1()) > 5000, "報" in big5_level1()
    (True, True)
    """
    out = set()
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                out.add(bytes([hi, lo]).decode("cp950"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003ffff"


def plausibility(text: str, common: frozenset[str] | None = None) -> tuple[float, int]:
    """Share of the text's Chinese characters that are in ``common`` (frequent
    characters by default), and how many Chinese characters there were.

    >>> plausibility("中国式现代化abc")
    (1.0, 6)
    >>> plausibility("abc")
    (1.0, 0)
    """
    common = common if common is not None else frequent_chars()
    han = [c for c in text if _is_han(c)]
    return (sum(c in common for c in han) / len(han) if han else 1.0), len(han)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(4, len(text) // 100)


def _other_language(data: bytes) -> str:
    """Name a Japanese or Korean legacy encoding the bytes read cleanly in, with kana or hangul.

    >>> _other_language("경제 성장률".encode("euc_kr"))
    'EUC-KR (Korean)'
    """
    for enc, label, lo, hi in (("euc_kr", "EUC-KR (Korean)", "\uac00", "\ud7af"),
                               ("shift_jis", "Shift-JIS (Japanese)", "\u3040", "\u30ff"),
                               ("euc_jp", "EUC-JP (Japanese)", "\u3040", "\u30ff")):
        try:
            t = data.decode(enc)
        except UnicodeDecodeError:
            continue
        wide = [c for c in t if c >= "\u0080" and not c.isspace()]
        if wide and sum(lo <= c <= hi for c in wide) >= 0.1 * len(wide):
            return label
    return ""


def _accept(text: str, enc: str, name: str) -> Decoded:
    cleaned, dropped = clean_controls(text)
    notes = [f"{name}: {dropped} control character(s) removed"] if dropped else []
    return Decoded(cleaned, enc, notes)


def decode_seed(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode ``data``; raise :class:`DecodeError` naming ``name`` when it is not (plausible) text.

    UTF-8 and UTF-16 with BOM are taken as they are.  Otherwise GB18030 is kept
    if its Chinese characters are frequent ones; failing that, text that reads
    as Korean or Japanese is refused, and Big5 is kept if its characters are
    Big5's common ones.

    >>> d = decode_seed("臺北報導\\f記者會議".encode("big5"), "t.txt")
    >>> d.text, d.encoding
    ('臺北報導\\n記者會議', 'big5')
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise DecodeError(f"{name}: looks like a binary file (control bytes), not a text dump")
        return _accept(text, enc, name)
    if len(candidates) == 1 and candidates[0] != "utf-8":
        raise DecodeError(f"{name}: has a {candidates[0]} byte-order mark but is not valid {candidates[0]}")
    tried = []
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _looks_binary(text):
            raise DecodeError(f"{name}: looks like a binary file (control bytes), not a text dump")
        score, n = plausibility(text)
        if score >= MIN_PLAUSIBLE:
            return _accept(text, "gb18030", name)
        tried.append(f"GB18030 {score:.0%} frequent characters")
    gb_text = text if text is not None and n < _MIN_SAMPLE else None   # too short to judge
    other = _other_language(data)
    if other:
        raise DecodeError(f"{name}: looks like {other} text, not Chinese; nothing published "
                          f"(save Chinese pages as UTF-8)")
    try:
        text = data.decode("cp950")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text):
        score, n = plausibility(text, big5_level1())
        if n and score >= MIN_BIG5:
            return _accept(text, "big5", name)
        tried.append(f"Big5 {score:.0%} common characters")
    if gb_text is not None:
        return _accept(gb_text, "gb18030", name)
    if tried:
        raise DecodeError(f"{name}: would be mojibake in every encoding we read ({'; '.join(tried)}); "
                          f"nothing published (save it as UTF-8)")
    raise DecodeError(f"{name}: not UTF-8, UTF-16 (with BOM), GB18030 or Big5 text")


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode ``data`` to clean text (see :func:`decode_seed`)."""
    return decode_seed(data, name).text
