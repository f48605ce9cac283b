#!/usr/bin/env python3
"""Synthetic Kanbao seeds: realistic newspaper page dumps, deterministic per seed number.

Library:
    from gen_seeds import generate_seeds, make_page, make_big_seed
    answers = generate_seeds("dir", n=100, seed=1)   # -> list of dicts (file, place, person, target article...)
    text = make_big_seed(2.0, seed=1)                 # one seed of ~2 MB (UTF-8)

Each page: glued page number on line 1, 2-4 articles (headline line, byline
"本报记者 王 某", hard-wrapped paragraphs at 12-18 columns with the first line
2 shorter, some blank lines), a few glossary terms, sentences recombined from
clauses of seeds/000_*.txt and glossary definitions, and a unique place name
(xx镇) plus person name, each used in exactly one article of the whole set.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_e92b42195bf00fd7.txt"
GLOSSARY = ROOT / "docs" / "glossary.yml"

# name characters (filtered below against the clause pool so names stay unique)
PLACE_CHARS = "澄岚溪岭桐枫柏滢瑶琳璟珂翊晟昊煦曜嵘崧岱峄沅沣汀渚澜漪涟苒荻蘅芷茉莺鹭鸥雁翎栎桦榆槐柘楠杉檀樨棠蔺芃"
PERSON_CHARS = "皓钰婧琦骁珩瑾熠祺璇珞琪淼鑫蕾婕妤彤霏琰瑜煜烨炜铮钧锴镕"
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
PLACE_SUFFIX = "镇"
BYLINE_GIVEN = "明华强平军勇杰涛斌超刚敏静丽燕玲芳娟霞"


@lru_cache(maxsize=1)
def _glossary_terms() -> tuple[list[str], list[str]]:
    import yaml
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or []
    terms = [e["term"] for e in data if isinstance(e, dict) and e.get("term")]
    defs = [e.get("definition", "") for e in data if isinstance(e, dict)]
    return terms, defs


@lru_cache(maxsize=1)
def clause_pool() -> tuple[str, ...]:
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^\s*\d{1,2}", "", text)          # glued page number
    text = text.replace("\n", "")
    _, defs = _glossary_terms()
    text += "。".join(defs)
    clauses = set()
    for c in re.split(r"[，。；：！？、,;:!?（）()《》]", text):
        c = c.strip(" “”\"'—")
        if 4 <= len(c) <= 24 and not re.search(r"[“”\"]", c) and sum('\u4e00' <= ch <= '\u9fff' for ch in c) >= len(c) * 0.8:
            clauses.add(c)
    return tuple(sorted(clauses))


@lru_cache(maxsize=1)
def _name_chars() -> tuple[str, str]:
    used = set("".join(clause_pool())) | set("".join(_glossary_terms()[0]))
    place = "".join(dict.fromkeys(ch for ch in PLACE_CHARS if ch not in used))
    person = "".join(dict.fromkeys(ch for ch in PERSON_CHARS if ch not in used and ch not in place))
    return place, person


def unique_names(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """n distinct (place, person) pairs, e.g. ('澄岚镇', '王皓钰')."""
    place_chars, person_chars = _name_chars()
    places = [a + b + PLACE_SUFFIX for a in place_chars for b in place_chars if a != b]
    persons = [s + a + b for s in SURNAMES for a in person_chars for b in person_chars if a != b]
    if n > len(places):
        raise ValueError(f"at most {len(places)} unique place names")
    rng = random.Random(seed * 7919 + 1)
    rng.shuffle(places)
    rng.shuffle(persons)
    return list(zip(places[:n], persons[:n]))


def _wrap(par: str, width: int) -> list[str]:
    out, pos, w = [], 0, width - 2
    while pos < len(par):
        end = pos + w
        if end < len(par) and par[end] in "，。！？、；：”）》":   # no closing punctuation at line start
            end += 1
        out.append(par[pos:end])
        pos = end
        w = width
    return out


class _Writer:
    def __init__(self, rng: random.Random, vocab: list[str]):
        self.rng, self.vocab = rng, vocab
        self.terms = _glossary_terms()[0]

    def clause(self) -> str:
        return self.rng.choice(self.vocab)

    def sentence(self, extra: str | None = None) -> str:
        r = self.rng
        parts = [self.clause() for _ in range(r.randint(2, 4))]
        if r.random() < 0.12:
            t = r.choice(self.terms)
            parts[r.randrange(len(parts))] = r.choice([f"推进{t}", f"{t}是关键", f"围绕{t}", f"着力{t}建设"])
        if extra:
            parts.insert(r.randrange(len(parts)), extra)
        return "，".join(parts) + r.choice("。。。。！")

    def headline(self) -> str:
        r = self.rng
        h = self.clause()
        if len(h) < 8:
            h = h + self.clause()
        return h[:18]

    def paragraph(self, extras: list[str] = ()) -> str:
        sents = [self.sentence() for _ in range(self.rng.randint(2, 5))]
        for e in extras:
            sents[self.rng.randrange(len(sents))] = self.sentence(e)
        return "".join(sents)


def _byline(rng: random.Random) -> str:
    name = rng.choice(SURNAMES) + rng.choice(BYLINE_GIVEN)
    if rng.random() < 0.5:
        name += rng.choice(BYLINE_GIVEN)
    spaced = " ".join(name) if len(name) == 2 else name
    return rng.choice(["本报记者 ", "本报记者 ", "本报通讯员 ", "成都日报锦观新闻记者 "]) + spaced


def _article(w: _Writer, rng: random.Random, n_pars: int, extras: list[str], width: int) -> tuple[str, list[str]]:
    w = _Writer(rng, rng.sample(w.vocab, k=max(20, len(w.vocab) // 3)))   # each article its own topic
    head = w.headline()
    lines = []
    pars = [w.paragraph() for _ in range(n_pars)]
    for e in extras:
        i = rng.randrange(len(pars))
        pars[i] = w.paragraph([e])
    for i, p in enumerate(pars):
        lines.extend(_wrap(p, width))
        if i < len(pars) - 1:
            lines.append("")
            if rng.random() < 0.15:     # the odd double blank
                lines.append("")
        if rng.random() < 0.1 and len(lines) > 3:   # a blank line in the middle of a paragraph (column break)
            k = rng.randrange(max(1, len(lines) - 3), len(lines))
            lines.insert(k, "")
    return head, [head, _byline(rng), ""] + lines


PAGE_NAMES = ["要闻", "要闻", "经济", "城市", "农业·乡村", "国际", "文化·访谈", "法治", "综合·天气", "体育", "副刊", "理论"]
WEEKDAYS = "一二三四五六日"


def header_lines(date: "_dt.date", page_no: int, paper: str = "江城日报") -> list[str]:
    """A printed page header as pdftotext gives it: number and 版名, masthead with date, editors."""
    name = PAGE_NAMES[(page_no - 1) % len(PAGE_NAMES)]
    return [f"{page_no:02d} {name}", "",
            f"{paper} {date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]} 责任编辑 张 磊", "",
            "美术编辑 刘 芸", ""]


def make_page(seed: int, place: str, person: str, page_no: int | None = None,
              articles: int | None = None, scale: float = 1.0, date: "_dt.date | None" = None) -> tuple[str, dict]:
    """One page dump; returns (text, info) with the article that holds the names.

    ``scale`` multiplies the paragraphs per article (3 gives real-size pages,
    10–50 KB); ``date`` prints a page header (paper, date, 版名) above the articles."""
    rng = random.Random(seed)
    pool = clause_pool()
    vocab = rng.sample(pool, k=max(30, len(pool) * 2 // 5))        # distinct vocabulary per page
    w = _Writer(rng, vocab)
    n_art = articles or rng.randint(2, 4)
    target = rng.randrange(n_art)
    out, heads = [], []
    for k in range(n_art):
        extras = [f"在{place}", f"{place}{person}介绍"] if k == target else []
        width = rng.randint(12, 18)
        head, lines = _article(w, rng, max(1, round(rng.randint(3, 8) * scale)), extras, width)
        heads.append(head)
        if out:
            out.append("")
        out.extend(lines)
    pn = page_no if page_no is not None else rng.randint(1, 16)
    if date is not None:
        out = header_lines(date, pn) + out
    else:
        out[0] = f" {pn:02d}" + out[0]
    text = "\n".join(out) + "\n"
    return text, {"place": place, "person": person, "page_no": pn, "articles": n_art,
                  "target": target, "headline": heads[target], "headlines": heads}


def generate_seeds(out_dir: str | Path, n: int = 100, seed: int = 0, scale: float = 1.0,
                   per_day: int = 0) -> list[dict]:
    """``n`` seeds in ``out_dir``; with ``per_day`` > 0 they form daily issues of that many
    pages from 2024-01-01 on (page header with paper, date and 版名)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    answers = []
    names = unique_names(min(n, 2000), seed)   # beyond 2,000 seeds the names repeat (not unique any more)
    for i in range(n):
        place, person = names[i % len(names)]
        s = seed * 1_000_003 + i
        if per_day:
            day = _dt.date(2024, 1, 1) + _dt.timedelta(days=i // per_day)
            text, info = make_page(s, place, person, page_no=i % per_day + 1, scale=scale, date=day)
        else:
            text, info = make_page(s, place, person, scale=scale)
        name = f"{i:04d}_{random.Random(s).getrandbits(64):016x}.txt"
        (out / name).write_text(text, encoding="utf-8")
        info["file"] = name
        answers.append(info)
    return answers


def make_big_seed(mb: float, seed: int = 0) -> str:
    """One seed of about `mb` MB (UTF-8 bytes): one page number, many articles."""
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    w = _Writer(rng, list(clause_pool()))
    parts, size, k = [], 0, 0
    names = unique_names(min(2000, 1 + target // 20000), seed)
    while size < target:
        place, person = names[k % len(names)]
        _, lines = _article(w, rng, rng.randint(3, 8), [f"在{place}"] if k < len(names) else [], rng.randint(12, 18))
        chunk = ("\n" if parts else "") + "\n".join(lines) + "\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        k += 1
    parts[0] = f" {rng.randint(1, 16):02d}" + parts[0]
    return "".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="directory to write *.txt seeds into (or the big seed file with --big)")
    ap.add_argument("-n", type=int, default=100, help="number of seeds (default 100)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--big", type=float, metavar="MB", help="write ONE seed of this many MB to out_dir/big.txt")
    ap.add_argument("--answers", help="write the answer key (JSON) here")
    ap.add_argument("--scale", type=float, default=1.0, help="paragraphs per article × this (3 = real-size pages)")
    ap.add_argument("--per-day", type=int, default=0, help="daily issues of this many pages, with page headers")
    ap.add_argument("--check", action="store_true", help="convert a few seeds with kanbao and show the article counts")
    a = ap.parse_args(argv)
    if a.big:
        p = Path(a.out_dir)
        p.mkdir(parents=True, exist_ok=True)
        t = make_big_seed(a.big, a.seed)
        (p / "big.txt").write_text(t, encoding="utf-8")
        print(f"wrote {p / 'big.txt'}: {len(t.encode()) / 1e6:.2f} MB, {t.count(chr(10))} lines")
        return 0
    ans = generate_seeds(a.out_dir, a.n, a.seed, a.scale, a.per_day)
    if a.answers:
        Path(a.answers).write_text(json.dumps(ans, ensure_ascii=False, indent=1), encoding="utf-8")
    tot = sum((Path(a.out_dir) / x["file"]).stat().st_size for x in ans)
    print(f"wrote {len(ans)} seeds to {a.out_dir} ({tot / 1e6:.2f} MB, avg {tot / max(1, len(ans)) / 1e3:.1f} KB)")
    if a.check:
        import sys
        sys.path.insert(0, str(ROOT))
        from kanbao.convert import convert_text
        for x in ans[:5]:
            p = convert_text((Path(a.out_dir) / x["file"]).read_text(encoding="utf-8"), x["file"])
            print(f"  {x['file']}: generated {x['articles']} articles, kanbao found {len(p.articles)}; "
                  f"page {p.page_no}; {x['place']} in #{x['target'] + 1} {x['headline']}")
            print("    kanbao titles:", [a.title_text for a in p.articles])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
