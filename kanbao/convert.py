"""One seed file → a structured ``Page`` (decode → lines → reflow → structure).

>>> page = convert_text("07中国式现代化的关键在于科技现代化。", "x.txt")
>>> page.page_no, [a.sections[0].blocks[0].text for a in page.articles]
('07', ['中国式现代化的关键在于科技现代化。'])
"""
from __future__ import annotations

import re
from pathlib import Path

from .check import missing_text
from .decode import DecodeError, decode_seed
from .lines import split_lines
from .model import Page
from .reflow import reflow
from .structure import structure
from .textfix import unspace_cjk
from .untangle import untangle

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

TEXT_KINDS = ("para", "question", "answer", "pullquote")   # running text: no space between two Chinese characters


def seed_slug(name: str) -> str:
    """A stable, URL-safe slug from a seed's path relative to ``seeds/`` (folders kept).

    >>> seed_slug("第 07 版(要闻).txt"), seed_slug("000_e92b.txt"), seed_slug("成都日报/2024-12-05/07.txt")
    ('第-07-版-要闻', '000_e92b', '成都日报/2024-12-05/07')
    """
    from .discover import path_slug
    return path_slug(name)


def convert_text(text: str, name: str, corrections: dict | None = None) -> Page:
    """Convert decoded seed text; ``corrections`` is a parsed sidecar (see ``corrections.py``)."""
    lines, page_no = split_lines(text)
    page = Page(seed=name, slug=seed_slug(name), page_no=page_no)
    if page_no:
        page.removed.append(page_no)
    lines, page.untangled = untangle(lines)
    page.blocks = reflow(lines)
    forced: dict[str, str] = {}
    if corrections:
        from .corrections import forced_kinds
        forced = forced_kinds(page.blocks, corrections)
    structure(page, forced)
    for b in page.blocks:
        if b.kind in TEXT_KINDS:
            b.text = unspace_cjk(b.text)
    if corrections:
        from .corrections import apply_corrections
        apply_corrections(page, corrections)
    for b in page.furniture:
        m = DATE.search(b.text)
        if m and not page.date:
            page.date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    shown = [b.text for a in page.articles for b in a.blocks()] + [b.text for b in page.furniture]
    lost = missing_text(text, shown, page.removed)
    if lost:
        page.warnings.append(f"{name}: text lost in conversion, first missing: 「{lost}」")
    placed = {id(b) for a in page.articles for b in a.blocks()} | {id(b) for b in page.furniture}
    replaced = set(page.removed)   # e.g. a headline a sidecar replaced: removed on purpose, not lost
    unplaced = [b for b in page.blocks if id(b) not in placed and b.kind != "pq_number" and b.text not in replaced]
    if unplaced:
        page.warnings.append(f"{name}: {len(unplaced)} block(s) not placed in any article: {unplaced[0].span}")
    return page


def convert_file(path: str | Path, corrections: dict | None = None) -> Page:
    """Read, decode and convert one seed; raises ``DecodeError`` for non-text, empty or unreadable files."""
    from .discover import read_limited
    p = Path(path)
    decoded = decode_seed(read_limited(p), p.name)
    if not decoded.text.strip():
        raise EmptySeed(f"{p.name}: empty seed (only white space), no page made")
    return convert_text(decoded.text, p.name, corrections)


class EmptySeed(DecodeError):
    """A seed with no text in it (white space only: spaces, U+3000, form feeds, blank lines)."""
