#!/usr/bin/env python3
"""Would a fitted join/break model beat the named rules?  Leave-one-page-out check.

usage: bench/fit_pairs.py [EVAL_DIR]

Every adjacent line pair (in the order ``untangle`` gives) of the dev cases
gets a join/break label from the gold (``reflow_gold.pair_label``) and a
vector of the evidence in ``kanbao.features`` (how each line ends and starts,
widths against the local column, blank lines, a word across the join, and a
few crossings of these).  A logistic regression (pure Python, L2, batch
gradient descent) is fitted on seven pages and scored on the eighth, next
to the pair accuracy of ``reflow``'s rules on the same pairs.  Nothing here
ships: it measures whether fitting would pay.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kanbao.features import (BODY_PUNCT, NO_LINE_START, NUMBER_ONLY, NUMBERED, ends_open, ends_sentence,  # noqa: E402
                             firstlike, gap, gap_fwd, is_byline, is_furniture, is_section_tag, speaker_label)
from kanbao.lines import split_lines  # noqa: E402
from kanbao.model import Line  # noqa: E402
from kanbao.reflow import reflow  # noqa: E402
from kanbao.untangle import untangle  # noqa: E402
from kanbao.words import spans_word  # noqa: E402
from reflow_gold import DEV, cases, load_gold, pair_label  # noqa: E402


# the fallback rules, decided by widths alone: where a fitted model could take over
WEAK = {"full-line", "short-line-inside-paragraph", "heading-wraps", "heading-ends", "short-line",
        "indented-first-line", "unfinished-first-line", "heading-then-indent", "next-indented"}


def features(p: Line, n: Line, after: Line | None) -> dict[str, float]:
    """The evidence on one gap between lines ``p`` and ``n``."""
    pt, nt = p.text, n.text
    f = {
        "p_sentence_end": ends_sentence(pt), "p_open_end": ends_open(pt), "n_no_line_start": nt[0] in NO_LINE_START,
        "n_speaker": bool(speaker_label(nt)), "p_byline": is_byline(pt), "n_byline": is_byline(nt),
        "furniture": is_furniture(pt) or is_furniture(nt), "p_tag": is_section_tag(pt),
        "p_short3": gap(p) >= 3, "p_short6": gap(p) >= 6, "p_full": gap(p) <= 1,
        "n_firstlike": firstlike(n), "n_short8": gap_fwd(n) >= 8, "n_wider": n.width > p.colw_back + 4,
        "after_full": after is not None and gap_fwd(after) < 3, "blank": n.blanks_before > 0,
        "word_across": bool(spans_word(pt, nt, min_freq=100)), "p_punct": bool(BODY_PUNCT.search(pt)),
        "n_punct": bool(BODY_PUNCT.search(nt)), "number": bool(NUMBER_ONLY.match(pt) or NUMBER_ONLY.match(nt)),
        "n_numbered": bool(NUMBERED.match(nt)),
    }
    f["end_and_short"] = f["p_sentence_end"] and f["p_short3"]
    f["end_and_indent"] = f["p_sentence_end"] and f["n_firstlike"]
    f["nopunct_and_indent"] = not f["p_punct"] and f["n_firstlike"]
    f["end_and_full"] = f["p_sentence_end"] and f["p_full"]
    return {k: float(v) for k, v in f.items()}


def dataset(ev: Path):
    """(page, features, label, the rules' decision) for every judged gap."""
    rows = []
    for name, seed, gold in cases(ev, set()):
        text = seed.read_text(encoding="utf-8")
        g = load_gold(gold, text)
        lines, _ = split_lines(text)
        lines, _ = untangle(lines)
        joined, rule = set(), {}
        blocks = reflow(lines)
        for b, nb in zip(blocks, blocks[1:] + [None]):
            joined |= {ln.no for ln in b.lines[1:]}
            for k, ln in enumerate(b.lines[1:]):
                rule[ln.no] = b.decisions[k].rule
            if nb is not None and b.decisions and not b.decisions[-1].joined:
                rule[nb.lines[0].no] = b.decisions[-1].rule
        for i in range(len(lines) - 1):
            lab = pair_label(g, lines[i], lines[i + 1])
            if lab is None:
                continue
            after = lines[i + 2] if i + 2 < len(lines) else None
            rows.append((name.split("_")[0], features(lines[i], lines[i + 1], after), lab, lines[i + 1].no in joined,
                         rule.get(lines[i + 1].no, "")))
    return rows


def fit(xs: list[dict[str, float]], ys: list[bool], keys: list[str], l2: float = 0.001, steps: int = 600,
        rate: float = 2.0) -> dict[str, float]:
    w = {k: 0.0 for k in keys + ["bias"]}
    n = len(xs)
    for _ in range(steps):
        grad = {k: l2 * w[k] for k in w}
        for x, y in zip(xs, ys):
            z = w["bias"] + sum(w[k] * v for k, v in x.items() if v)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            e = (p - float(y)) / n
            grad["bias"] += e
            for k, v in x.items():
                if v:
                    grad[k] += e * v
        for k in w:
            w[k] -= rate * grad[k]
    return w


def predict(w: dict[str, float], x: dict[str, float]) -> bool:
    return w["bias"] + sum(w[k] * v for k, v in x.items() if v) > 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(DEV))
    a = ap.parse_args()
    rows = dataset(Path(a.eval_dir))
    keys = sorted(rows[0][1])
    pages = sorted({r[0] for r in rows})
    print("| held-out page | gaps | fitted model (trained on the other 7) | reflow's rules | rules, weak ones replaced by the model |")
    print("|---|---|---|---|---|")
    tot = [0, 0, 0, 0]
    for page in pages:
        train = [r for r in rows if r[0] != page]
        test = [r for r in rows if r[0] == page]
        w = fit([r[1] for r in train], [r[2] for r in train], keys)
        lr = sum(predict(w, r[1]) == r[2] for r in test)
        rules = sum(r[3] == r[2] for r in test)
        hybrid = sum((predict(w, r[1]) if r[4] in WEAK else r[3]) == r[2] for r in test)
        tot = [tot[0] + len(test), tot[1] + lr, tot[2] + rules, tot[3] + hybrid]
        print(f"| {page} | {len(test)} | {lr / len(test):.3f} | {rules / len(test):.3f} | {hybrid / len(test):.3f} |")
    print(f"| all | {tot[0]} | {tot[1] / tot[0]:.3f} | {tot[2] / tot[0]:.3f} | {tot[3] / tot[0]:.3f} |")
    w = fit([r[1] for r in rows], [r[2] for r in rows], keys)
    print("weights fitted on all pages (positive: join):")
    print(", ".join(f"{k} {v:+.2f}" for k, v in sorted(w.items(), key=lambda kv: -abs(kv[1]))))


if __name__ == "__main__":
    main()
