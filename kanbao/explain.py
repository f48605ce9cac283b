"""Human-readable account of every decision made on one seed.

``python -m kanbao explain seeds/X.txt`` prints, per article, each output
block with its id, kind, the seed lines it came from and the rule that
decided every join and break, then the moves the structure pass made.
"""
from __future__ import annotations

from .model import Block, Page


def _block_lines(b: Block, width: int) -> list[str]:
    out = [f"  [{b.id} {b.kind}{' ' + b.label if b.label else ''} {b.span}] {b.text[:width]}{'…' if len(b.text) > width else ''}"]
    joins = [str(d) for d in b.decisions if d.joined]
    end = [str(d) for d in b.decisions if not d.joined]
    if joins:
        rules: dict[str, int] = {}
        for j in joins:
            rules[j] = rules.get(j, 0) + 1
        out.append("      joins: " + ", ".join(f"{r}×{n}" if n > 1 else r for r, n in rules.items()))
    if end:
        out.append(f"      ended by: {end[0]}")
    fixed = sorted({f for ln in b.lines for f in ln.fixes})
    if fixed:
        out.append("      text fixes: " + ", ".join(fixed))
    for n in b.notes:
        out.append(f"      · {n}")
    return out


def explain(page: Page, width: int = 60, lines: bool = False) -> str:
    out = [f"seed {page.seed}  page number: {page.page_no or '-'}  date: {page.date or '-'}",
           f"{len(page.blocks)} blocks, {len(page.articles)} articles"]
    if page.removed:
        out.append("removed on purpose: " + ", ".join(repr(r) for r in page.removed))
    for m in page.untangled:
        out.append("untangled: " + m)
    if page.furniture:
        out.append("page header:")
        for b in page.furniture:
            out += _block_lines(b, width)
    for a in page.articles:
        out.append("")
        out.append(f"== article {a.id}: {a.title_text or '(no title)'}")
        for m in a.moves:
            out.append(f"   move: {m}")
        for role, bs in (("kicker", [a.kicker]), ("title", [a.title]), ("subtitle", [a.subtitle]),
                         ("byline", a.byline), ("lead", a.lead)):
            for b in bs:
                if b:
                    out.append(f" {role}:")
                    out += _block_lines(b, width)
        for k, s in enumerate(a.sections):
            out.append(f" section {k + 1}" + (f": {s.heading.text}" if s.heading else ""))
            if s.heading:
                out += _block_lines(s.heading, width)
            for b in s.blocks:
                out += _block_lines(b, width)
                if lines:
                    for ln in b.lines:
                        out.append(f"        L{ln.no:<4} w={ln.width:<3} col={ln.colw_back}/{ln.colw_fwd} {ln.text}")
        for b in a.pullquotes:
            out.append(" pull quote:")
            out += _block_lines(b, width)
    for w in page.warnings:
        out.append("WARNING " + w)
    return "\n".join(out)
