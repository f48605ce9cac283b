"""The page model every stage speaks: Line → Block → Section/Article → Page.

Plain dataclasses, no behaviour beyond small derived properties, so that a
stage can be read (and tested) on its own.

>>> Line(no=3, raw="转化主要有两条路径", text="转化主要有两条路径", width=18).width
18
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One non-blank line of a seed, after text fixers ran on it."""

    no: int                      # 1-based line number in the seed
    raw: str                     # the line as decoded
    text: str                    # the line after fixers (stripped)
    width: int                   # display width of ``text`` (CJK = 2, ASCII = 1)
    spread: int = 0              # a letterspaced line's width with the extractor's spaces (``width`` is capped at ``colw``)
    blanks_before: int = 0       # blank lines right before it
    leading_space: bool = False  # the extractor put whitespace before it
    colw: int = 0                # local column width around it, set by ``lines.estimate_columns``
    colw_back: int = 0           # column width judged from it and the lines before it
    colw_fwd: int = 0            # column width judged from it and the lines after it
    fixes: tuple[str, ...] = ()  # names of the fixers that changed it
    header: bool = False         # page furniture by position (section name next to the page number)


@dataclass
class Decision:
    """Why two lines were joined or a block was ended."""

    rule: str
    joined: bool
    after_line: int              # the seed line before the gap

    def __str__(self) -> str:
        return f"{'join' if self.joined else 'break'}:{self.rule}"


@dataclass
class Block:
    """A run of lines read as one unit: a paragraph, a heading, a label …

    ``kind`` is one of: para, heading, byline, question, answer, pullquote,
    pq_number, furniture (page header), unplaced.
    """

    id: str
    lines: list[Line]
    text: str
    kind: str = "para"
    decisions: list[Decision] = field(default_factory=list)  # joins inside + the break after
    notes: list[str] = field(default_factory=list)            # structure decisions
    label: str = ""              # speaker label of a question/answer (e.g. "记者")
    parts: list[str] = field(default_factory=list)  # a heading's printed lines (kicker / title / subtitle …)
    displaced: bool = False      # after the dump's last sentence end: headlines painted last, not text
    repeat: bool = False         # its lines are printed word for word elsewhere, the repeat starting and ending with them

    @property
    def first_no(self) -> int:
        return self.lines[0].no if self.lines else 0

    def line_texts(self) -> list[str]:
        """``text`` cut where its seed lines end (what each printed line shows).

        The cut counts non-space characters, so spaces a fixer removed or a
        join added do not shift it; a text that no longer matches its lines
        comes back whole.

        >>> Block("b1", [Line(1, "", "东西问", 6), Line(2, "", "侨批 密码", 9)], "东西问侨批密码").line_texts()
        ['东西问', '侨批密码']
        >>> Block("b2", [Line(1, "", "甲乙", 4)], "甲乙丙").line_texts()
        ['甲乙丙']
        """
        counts = [sum(not c.isspace() for c in ln.text) for ln in self.lines]
        if len(counts) < 2 or sum(counts) != sum(not c.isspace() for c in self.text):
            return [self.text]
        out, pos = [], 0
        for n in counts:
            start = pos
            while n and pos < len(self.text):
                n -= not self.text[pos].isspace()
                pos += 1
            out.append(self.text[start:pos].strip())
        out[-1] += self.text[pos:].rstrip()
        return [t for t in out if t]

    @property
    def span(self) -> str:
        """Seed lines of the block as ranges; blank lines between them do not break a range.

        >>> Block("b1", [Line(3, "", "", 0), Line(5, "", "", 0, blanks_before=1), Line(9, "", "", 0)], "").span
        'L3-5,9'
        """
        if not self.lines:
            return "L-"
        runs = [[self.lines[0].no, self.lines[0].no]]
        for ln in self.lines[1:]:
            if ln.no == runs[-1][1] + 1 + ln.blanks_before:
                runs[-1][1] = ln.no
            else:
                runs.append([ln.no, ln.no])
        return "L" + ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


@dataclass
class Section:
    heading: Block | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Article:
    id: str                                   # stable slug, unique within the page
    title: Block | None = None                # 主题
    kicker: Block | None = None               # 引题 (printed above the title, smaller)
    subtitle: Block | None = None             # 副题 (printed below it, often opening with ——)
    byline: list[Block] = field(default_factory=list)
    lead: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    pullquotes: list[Block] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)

    @property
    def title_text(self) -> str:
        return self.title.text if self.title else ""

    def blocks(self) -> list[Block]:
        """Every block of the article in reading order."""
        out = [b for b in (self.kicker, self.title, self.subtitle) if b]
        out += self.byline + self.lead
        for sec in self.sections:
            if sec.heading:
                out.append(sec.heading)
            out += sec.blocks
        return out + self.pullquotes


@dataclass
class Page:
    seed: str                                  # file name of the seed
    slug: str                                  # URL-safe, stable name of the seed
    page_no: str = ""                          # printed page number, if found
    date: str = ""                             # issue date YYYY-MM-DD (meta.yml, folder, page header or file name)
    paper: str = ""                            # newspaper name, if known (see meta.py)
    page_name: str = ""                        # 版名 (要闻, 农业·乡村 …), if known
    blocks: list[Block] = field(default_factory=list)       # reflowed, extractor order
    articles: list[Article] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)    # page header lines
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)        # text removed on purpose (page number)
    untangled: list[str] = field(default_factory=list)      # column pieces put back in order
