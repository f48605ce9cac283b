#!/usr/bin/env python3
"""Build ``kanbao/data/wordlm.bin.gz``, the word trigram model ``kanbao.wordlm`` reads.

usage: bench/build_wordlm.py ARPA [--out PATH] [--prune 1.0]

ARPA is ``lm_sc.arpa``, the Chinese word trigram model of the fcitx input
method library libime (LGPL-2.1+, by Weng Xuetian), in the file
``data/lm_sc.arpa-20220810.tar.xz`` of its source: Debian's
``apt-get source libime`` (1.0.16) gives it.  The site and the tests need
only the built file.

Every word is kept (the segmenter needs the whole vocabulary), with its
log10 probability and backoff.  A pair or triple is kept where it reads at
least ``--prune`` (log10) likelier than the model's backoff guess for it:
1.21 million of the 1.98 million pairs (with the pairs the kept triples
stand on) and 354,000 of the 634,000 triples
at 1.0.  On the gold links of the 568 pdfminer tuning cases a first
version (thousandths, a dict in memory) missed 2,605 links with the whole
model, 2,614 pruned at 1.0 and 2,713 at 2.0 (2,704 without a word model);
the shipped file, pruned at 1.0: 2,584.  A pair that is a triple's
context is kept with it; a pair dropped takes its backoff weight with it
(read as 0, a small change to the probabilities after it).  Log probabilities are stored in hundredths
(``wordlm.SCALE``);
the output is the same bytes for the same input.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kanbao.wordlm import SCALE  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "kanbao" / "data" / "wordlm.bin.gz"


def read_arpa(path: Path):
    """(unigrams {word: (logp, backoff)}, bigrams {(w1, w2): (logp, backoff)}, trigrams {(w1, w2, w3): logp})."""
    one: dict[str, tuple[float, float]] = {}
    two: dict[tuple[str, str], tuple[float, float]] = {}
    three: dict[tuple[str, str, str], float] = {}
    section = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("\\"):
                section = line
                continue
            if not line or section in ("\\data\\", "\\end\\"):
                continue
            parts = line.split("\t")
            logp, words = float(parts[0]), parts[1].split(" ")
            backoff = float(parts[2]) if len(parts) > 2 else 0.0
            if section == "\\1-grams:":
                one[words[0]] = (logp, backoff)
            elif section == "\\2-grams:":
                two[(words[0], words[1])] = (logp, backoff)
            elif section == "\\3-grams:":
                three[(words[0], words[1], words[2])] = logp
    if not one or "<unk>" not in one:
        sys.exit(f"{path}: not an ARPA model with <unk> (no 1-grams read)")
    return one, two, three


def prune(one, two, three, margin: float):
    """The pairs and triples that read at least ``margin`` likelier than their backoff."""
    def p2(a: str, w: str) -> float:
        seen = two.get((a, w))
        return seen[0] if seen else one[a][1] + one[w][0]
    tri = {k: v for k, v in three.items() if v - (two.get(k[:2], (0.0, 0.0))[1] + p2(k[1], k[2])) >= margin}
    bi = {k: v for k, v in two.items() if v[0] - (one[k[0]][1] + one[k[1]][0]) >= margin}
    for k in tri:
        bi[k[:2]] = two[k[:2]]
    return bi, tri


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("arpa", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--prune", type=float, default=1.0)
    args = ap.parse_args()
    one, two, three = read_arpa(args.arpa)
    bi, tri = prune(one, two, three, args.prune)
    words = sorted(one)
    if len(words) >= 1 << 18:
        sys.exit(f"{len(words)} words: a triple's key holds a word in 18 bits")
    ids = {w: i for i, w in enumerate(words)}
    q = lambda x: int(round(x * SCALE))  # noqa: E731
    uni_p = array("h", (q(one[w][0]) for w in words))
    uni_b = array("h", (q(one[w][1]) for w in words))
    pairs = sorted((ids[a], ids[b]) for a, b in bi)
    start = array("I", [0] * (len(words) + 1))
    for a, _ in pairs:
        start[a + 1] += 1
    for i in range(len(words)):
        start[i + 1] += start[i]
    bi_w = array("I", (b for _, b in pairs))
    bi_p = array("h", (q(bi[(words[a], words[b])][0]) for a, b in pairs))
    bi_b = array("h", (q(bi[(words[a], words[b])][1]) for a, b in pairs))
    pair_index = {p: i for i, p in enumerate(pairs)}
    triples = sorted((pair_index[(ids[a], ids[b])] << 18 | ids[c], q(v)) for (a, b, c), v in tri.items())
    tri_k = array("Q", (k for k, _ in triples))
    tri_p = array("h", (v for _, v in triples))
    text = "\n".join(words).encode("utf-8")
    header = {"words": len(words), "word_bytes": len(text), "bigrams": len(pairs), "trigrams": len(triples),
              "source": args.arpa.name, "prune": args.prune}
    body = [json.dumps(header, sort_keys=True).encode() + b"\n", text]
    body += [a.tobytes() for a in (uni_p, uni_b, start, bi_w, bi_p, bi_b, tri_k, tri_p)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(b"".join(body))
    print(f"{args.out}: {len(words)} words, {len(pairs)} pairs, {len(triples)} triples "
          f"(of {len(two)} and {len(three)}), {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
