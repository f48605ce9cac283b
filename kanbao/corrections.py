"""Sidecar corrections: ``seeds/X.yml`` fixes what the heuristics got wrong.

Block ids (``b12``) and article ids (``a2``) are the ones ``python -m kanbao
explain seeds/X.txt`` prints.  Example::

    blocks:
      b12: heading            # mark a block's kind
      b30: {kind: question, label: 记者}
    move:
      - {block: b13, to: a2}              # to the end of article a2
      - {block: b14, to: a2, before: b20} # or before one of its blocks
    articles:
      a1: {title: 成都加快建设现代物流供应链体系}   # set or change a headline
    split: [b40]              # a new article starts at block b40
    merge: [[a2, a3]]         # article a3 joins a2
    join: [[b34, b35]]        # one paragraph the line joiner cut in two

Joins and kinds are applied before the structure pass (so a block marked
``heading`` opens a section, and a joined paragraph is judged whole);
moves, splits, merges and titles after it.
"""
from __future__ import annotations

from pathlib import Path

from .model import Article, Block, Decision, Page, Section

KINDS = {"para", "heading", "byline", "question", "answer", "pullquote", "furniture"}


class CorrectionError(ValueError):
    """A sidecar that cannot be applied; the message names the file and the entry."""


def load_corrections(path: str | Path) -> dict:
    """Read and check a sidecar (see ``sidecar.py``); raises :class:`CorrectionError` naming the file and entry."""
    from .sidecar import load_sidecar
    return load_sidecar(path)


def join_blocks(blocks: list[Block], corr: dict) -> None:
    """Apply ``join:``: each group of block ids becomes one block (the first
    one, in the order given), its text the pieces' texts run together.

    >>> from kanbao.model import Line
    >>> bs = [Block("b1", [Line(1, "", "累计完成投资", 12)], "累计完成投资"), Block("b2", [Line(2, "", "41.6亿元。", 10)], "41.6亿元。")]
    >>> join_blocks(bs, {"join": [["b1", "b2"]]}); [(b.id, b.text, b.span) for b in bs]
    [('b1', '累计完成投资41.6亿元。', 'L1-2')]
    """
    from .reflow import join_text
    name = corr.get("_file", "corrections")
    for group in corr.get("join") or []:
        if not isinstance(group, list) or len(group) < 2:
            raise CorrectionError(f"{name}: join {group!r}: give a list of two or more block ids, like [b34, b35]")
        by_id = {b.id: b for b in blocks}
        missing = [bid for bid in group if bid not in by_id]
        if missing or len(set(group)) != len(group):
            raise CorrectionError(f"{name}: join {group}: no block {missing[0] if missing else 'given twice'} "
                                  f"(see `python -m kanbao explain`; a block can be joined once)")
        head = by_id[group[0]]
        for bid in group[1:]:
            b = by_id[bid]
            head.decisions = [d for d in head.decisions if d.joined] + \
                [Decision(f"sidecar-join {group[0]}+{bid}", True, head.lines[-1].no if head.lines else 0)] + b.decisions
            head.lines = head.lines + b.lines
            head.text = join_text(head.text, b.text)
            blocks.remove(b)
        head.notes.append(f"joined from {', '.join(group)} by {name}")


def forced_kinds(blocks: list[Block], corr: dict) -> dict[str, str]:
    """Apply ``join:`` and ``blocks:`` kind fixes; return {block id: kind} for
    the structure pass to respect."""
    name = corr.get("_file", "corrections")
    # the structure pass cuts glued lines apart first (b15 → b15, b15.2); do it
    # here too so that the ids `explain` shows are the ids a sidecar can name
    from .structure import split_glued_lines
    named = set(corr.get("blocks") or {}) | {bid for g in corr.get("join") or [] if isinstance(g, list) for bid in g}
    split_glued_lines(blocks, {b.id for b in blocks if b.id in named})
    join_blocks(blocks, corr)
    by_id = {b.id: b for b in blocks}
    out = {}
    for bid, spec in (corr.get("blocks") or {}).items():
        spec = {"kind": spec} if isinstance(spec, str) else dict(spec or {})
        if bid not in by_id:
            raise CorrectionError(f"{name}: blocks: no block {bid} (see `python -m kanbao explain`)")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise CorrectionError(f"{name}: blocks.{bid}: kind must be one of {sorted(KINDS)}")
        b = by_id[bid]
        b.kind = kind
        b.label = spec.get("label", b.label if kind in ("question", "answer") else "")
        b.notes.append(f"kind set to {kind} by {name}")
        out[bid] = kind
    return out


def _find(page: Page, bid: str) -> tuple[Article, Section | None, Block] | None:
    for a in page.articles:
        for s in a.sections:
            if s.heading and s.heading.id == bid:
                return a, s, s.heading
            for b in s.blocks:
                if b.id == bid:
                    return a, s, b
        for lst in (a.lead, a.byline, a.pullquotes):
            for b in lst:
                if b.id == bid:
                    return a, None, b
        if a.title and a.title.id == bid:
            return a, None, a.title
    return None


def _detach(a: Article, s: Section | None, b: Block) -> None:
    if s is not None:
        if s.heading is b:
            s.heading = None
        else:
            s.blocks.remove(b)
    for lst in (a.lead, a.byline, a.pullquotes):
        if b in lst:
            lst.remove(b)
    if a.title is b:
        a.title = None


def apply_corrections(page: Page, corr: dict) -> None:
    """Apply moves, splits, merges and titles to a structured page."""
    name = corr.get("_file", "corrections")
    arts = {a.id: a for a in page.articles}
    for m in corr.get("move") or []:
        bid, to = m.get("block"), m.get("to")
        found = _find(page, bid)
        if found is None or to not in arts:
            raise CorrectionError(f"{name}: move {m}: unknown block or article")
        a, s, b = found
        _detach(a, s, b)
        target = arts[to]
        if not target.sections:
            target.sections.append(Section())
        if m.get("before"):
            dest = _find(page, m["before"])
            if dest is None or dest[0] is not target or dest[1] is None:
                raise CorrectionError(f"{name}: move {m}: {m['before']} is not a body block of {to}")
            sec = dest[1]
            idx = sec.blocks.index(dest[2]) if dest[2] in sec.blocks else 0
            sec.blocks.insert(idx, b)
        else:
            target.sections[-1].blocks.append(b)
        target.moves.append(f"{bid} moved here from {a.id} by {name}")
    for bid in corr.get("split") or []:
        found = _find(page, bid)
        if found is None or found[1] is None:
            raise CorrectionError(f"{name}: split: {bid} is not a body block")
        a, s, b = found
        si = a.sections.index(s)
        bi = s.blocks.index(b) if b in s.blocks else 0
        new = Article(id=f"{a.id}-split-{bid}")
        tail = Section(heading=None, blocks=s.blocks[bi:])
        s.blocks = s.blocks[:bi]
        new.sections = [tail] + a.sections[si + 1:]
        a.sections = a.sections[:si + 1]
        if b.kind == "heading" and tail.blocks and tail.blocks[0] is b:
            new.title = tail.blocks.pop(0)
        page.articles.insert(page.articles.index(a) + 1, new)
        new.moves.append(f"split off {a.id} at {bid} by {name}")
        arts[new.id] = new
    for pair in corr.get("merge") or []:
        if len(pair) != 2 or pair[0] not in arts or pair[1] not in arts:
            raise CorrectionError(f"{name}: merge {pair}: give two article ids")
        keep, gone = arts[pair[0]], arts.pop(pair[1])
        keep.sections += gone.sections
        keep.byline += gone.byline
        keep.pullquotes += gone.pullquotes
        if gone.title:
            keep.sections.insert(len(keep.sections) - len(gone.sections), Section(heading=gone.title))
        page.articles.remove(gone)
        keep.moves.append(f"article {gone.id} merged in by {name}")
    for aid, spec in (corr.get("articles") or {}).items():
        if aid not in arts:
            raise CorrectionError(f"{name}: articles: no article {aid}")
        a = arts[aid]
        for role in ("title", "kicker", "subtitle"):
            if role in (spec or {}):
                text = str(spec[role])
                old = getattr(a, role)
                if old is not None:
                    # the old headline block keeps its place (and its seed lines,
                    # for `explain`); only its words are replaced on purpose
                    page.removed.append(old.text)
                    old.text, old.parts = text, []
                    old.notes.append(f"{role} set by {name} (was 「{page.removed[-1]}」)")
                else:
                    setattr(a, role, Block(id=f"{aid}-{role}", lines=[], text=text, kind="heading",
                                           notes=[f"{role} set by {name}"]))
                page.removed.append(text)   # typed by the user, not seed text
    for n, a in enumerate(page.articles, start=1):
        a.id = f"a{n}"
