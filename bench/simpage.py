#!/usr/bin/env python3
"""Simulated e-paper pages with gold: new layouts for held-out estimates of the converter.

usage (needs the venv of bench/simpage_requirements.txt and /usr/bin/chromium):

    python3 -m venv /work/simvenv && /work/simvenv/bin/pip install -r bench/simpage_requirements.txt
    /work/simvenv/bin/python bench/simpage.py --pages 10 --seed 1 --out /work/simdev/dev
    .venv/bin/python bench/score_dev.py /work/simdev/dev

Deterministic per ``--seed``.  For every page (numbered from ``--first``, 101 by
default) it

1. draws a newspaper page (A3, 297 x 420 mm) as HTML: a header line (版次,
   版名, paper, date, 责任编辑), 1-4 articles in rows of cells, sometimes a
   right-hand column of briefs (简讯) or a narrow article, grey photo
   placeholders; each article with optional kicker (引题), a title in one or
   two printed lines, optional ——subtitle, byline above or below the body or
   none, body in 1-6 CSS columns of 10-20 characters, line height 1.5-1.9,
   justified, first-line indent 2em, optional one- or two-line subheads,
   boxed pull quotes (numbered or not) repeating a body sentence, interview
   Q&A (记者：/本报记者：/提问：..., answers labelled with a name or a long
   title-plus-name), boxed articles, a lead paragraph across the top with the
   page number glued on, 下转第N版 lines; titles, subheads, pull quotes or
   questions are sometimes painted last (position: relative), which puts
   them at the end of a PyMuPDF dump the way the dev pages have them;
2. fills it with real prose reshuffled into new articles: the paragraphs of
   the dev gold (``--dev``) and the sample seed (seeds/*.txt); no glossary
   definitions (they are the built site's own glossary page, which the scorer also reads); half
   the headlines are printed headline lines of the dev gold, half (and the
   questions) made of clauses of the article's own text; a pull quote
   repeats a sentence of its body;
3. prints it with Chromium (Playwright, page.pdf), fits it on one sheet
   (dropping paragraphs until it fits), renders ``pageNN.png`` from the PDF
   and extracts the text with PyMuPDF ``page.get_text("text")``, poppler
   ``pdftotext`` (default mode) and pdfminer.six ``extract_text``;
4. writes ``gold_pageNN_EXTRACTOR.py`` in the dev format by aligning every
   extracted line (NFKC, whitespace removed) to the known block texts, and
   checks with score_site.py's ``load_gold`` that every gold block, title
   line, byline and pull quote reads back exactly as the source text.  A page
   whose gold cannot be made exact for all three extractors is drawn again
   (reported on stderr).

Also copies score_site.py next to the output folder (one level up), where
bench/score_dev.py looks for it.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = next((p for p in (ROOT.parent / "shared" / "eval" / "dev", ROOT.parent.parent / "shared" / "eval" / "dev",
                        Path("/work/shared/eval/dev")) if p.exists()), Path("/work/shared/eval/dev"))
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_W_MM, PAGE_H_MM = 297, 420
PX_MM = 96 / 25.4
PAGE_W, PAGE_H = PAGE_W_MM * PX_MM, PAGE_H_MM * PX_MM
MARGIN = 10 * PX_MM
CONTENT_W = PAGE_W - 2 * MARGIN
EXTRACTORS = ("mupdf", "pdftotext", "pdfminer")

# share of articles set tight, at line-height 1.45 or 1.5 (None: drawn evenly from the
# choices).  pdfminer keeps a paragraph's lines in one box when the gap between lines is at
# most half a line's height: always at 1.45, with breaks here and there at 1.5 (where the
# gap is exactly half), never from 1.6 up, where every line is a box of its own.  The dev
# pages' pdfminer dumps have a blank line after 15-65 % of their lines (mean 47 %); the
# even draw gives about 94 %, --tight 0.7 about 50 %.
TIGHT: float | None = None


def line_height(rng: random.Random, choices: tuple) -> float:
    """The line height of one article: a ``--tight`` share set tight, else one of ``choices``."""
    if TIGHT is not None and rng.random() < TIGHT:
        return rng.choice((1.45, 1.5))
    return rng.choice(choices)


WS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000]+")


def norm(s: str) -> str:
    return WS.sub("", unicodedata.normalize("NFKC", s))


# --------------------------------------------------------------------------- text pool

def load_module(path: Path, name: str = "mod"):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold_text(lines, ranges, fix):
    out = []
    for a, b in ranges:
        for n in range(a, b + 1):
            t = lines[n - 1]
            if n in fix and t.startswith(fix[n][0]):
                t = fix[n][1] + t[len(fix[n][0]):]
            out.append(t.strip())
    return "".join(out)


LABEL = re.compile(r"^[^：:，。]{1,24}[：:]")
SENT_END = "。！？”"


def clean_para(t: str) -> str:
    t = unicodedata.normalize("NFKC", t)
    t = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", t.strip())   # no CJK-adjacent spaces
    t = re.sub(r"\s+", " ", t)
    # full-width punctuation back where NFKC made it ASCII (keeps the look of a Chinese paper)
    t = t.replace(",", "，").replace(";", "；").replace("(", "（").replace(")", "）").replace("?", "？")
    t = re.sub(r"(?<![0-9]):", "：", t)
    return t


def text_pool(dev: Path) -> dict:
    """Source articles (lists of paragraphs), questions and answers (labels stripped)."""
    sources, questions, answers, heads = [], [], [], []
    seen = set()

    def add(dst, t):
        t = clean_para(t)
        k = norm(t)
        if len(k) < 12 or k in seen:
            return
        seen.add(k)
        dst.append(t)

    for g in sorted(dev.glob("gold_page*_mupdf.py")):
        mod = load_module(g, g.stem)
        lines = (dev / mod.SEED).read_text(encoding="utf-8").split("\n")
        fix = {n: (o, w) for n, o, w in mod.FIXUPS}
        for art in mod.ARTICLES:
            paras = []
            # printed headline lines (titles, kickers, subheads): real headline shapes
            for rs in [art.get("title")] + [sec.get("heading") for sec in art["sections"]]:
                for r in rs or []:
                    h = _gold_text(lines, [r], fix).lstrip("—")
                    if 4 <= len(h) <= 18 and h not in heads:
                        heads.append(h)
            for sec in art["sections"]:
                for kind, ranges in sec["blocks"]:
                    t = _gold_text(lines, ranges, fix)
                    if kind == "question":
                        add(questions, LABEL.sub("", t))
                    elif kind == "answer":
                        add(answers, LABEL.sub("", t))
                    elif kind == "para" and not t.startswith("（") and len(t) > 30:
                        add(paras, t)
            if paras:
                sources.append(paras)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        raw = seed.read_text(encoding="utf-8")
        chunks = re.split(r"\n\s*\n", raw)
        paras = []
        for ch in chunks:
            t = "".join(x.strip() for x in ch.split("\n"))
            t = re.sub(r"^\d{1,2}(?=\D)", "", t)
            if len(t) > 40 and t[-1] in SENT_END:
                m = LABEL.match(t)
                if m and len(m.group(0)) <= 6:
                    add(answers, t[len(m.group(0)):])
                else:
                    add(paras, t)
        for i in range(0, len(paras), 5):
            sources.append(paras[i:i + 5])
    return {"sources": sources, "questions": questions, "answers": answers, "heads": heads}


def clauses(text: str, lo=5, hi=13) -> list[str]:
    """Clauses of a paragraph that can make a headline: not the paragraph's first clause."""
    parts = re.split(r"[，。；：！？、“”‘’（）《》【】—…\s]+", text)
    out = []
    for i, p in enumerate(parts):
        if i == 0 or not (lo <= len(p) <= hi):
            continue
        if re.search(r"[A-Za-z%]", p) or re.fullmatch(r"[\d.]+.*", p):
            continue
        out.append(p)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？]*[。！？]”?", text) if s]


# --------------------------------------------------------------------------- page spec

PAPERS = ["江城日报", "滨海晚报", "西岭日报", "云川都市报", "南屿日报", "东湖时报", "北原日报"]
BANS = ["要闻", "综合", "经济", "农业·乡村", "文化·访谈", "法治", "科技", "城市", "民生", "教育", "视点", "区县"]
SURN = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "明华强平军勇杰涛斌超刚敏静丽燕玲芳娟霞磊芸曦晨宇航楠欣怡婷瑶琳峰岩松涛波海洋帆"
WEEK = "一二三四五六日"
ORGS = ["市发展改革委主任", "区教育局局长", "县农业农村局副局长", "市生态环境局总工程师", "省科技厅厅长",
        "市文化和旅游局局长", "市住房城乡建设局局长", "区人民法院院长", "市应急管理局副局长", "省统计局副局长",
        "某研究院研究员", "市交通运输局局长"]
Q_LABELS = ["记者：", "本报记者：", "提问：", "中新社记者：", "央视记者："]
Q_TEMPLATES = ["您如何看待{c}？", "{c}，下一步有哪些打算？", "请谈谈{c}方面的情况。", "在{c}上，有哪些具体举措？",
               "很多读者关心{c}，您怎么看？"]


def name(rng: random.Random, spaced=False) -> str:
    s = rng.choice(SURN) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    if spaced and len(s) == 2:
        s = s[0] + " " + s[1]
    return s


def byline(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.45:
        return "本报记者 " + " ".join(name(rng, True) for _ in range(rng.choice((1, 1, 2))))
    if k < 0.6:
        return "新华社记者 " + name(rng) + " " + name(rng)
    if k < 0.75:
        return "本报记者 " + name(rng) + " 通讯员 " + name(rng)
    if k < 0.88:
        return "本报通讯员 " + name(rng, True)
    return rng.choice(["来源：人民网 ", "据新华社电 记者", "中新社记者 "]) + name(rng)


class Pool:
    def __init__(self, pool: dict, rng: random.Random):
        self.rng = rng
        self.sources = [list(s) for s in pool["sources"]]
        rng.shuffle(self.sources)
        self.questions = list(pool["questions"])
        self.answers = list(pool["answers"])
        self.used: set[str] = set()
        self.heads: set[str] = set()
        self.real_heads = list(pool.get("heads", []))
        rng.shuffle(self.real_heads)

    def paras(self, n: int, maxlen=420) -> list[str]:
        """n unused paragraphs, mostly consecutive from one or two source articles."""
        out = []
        srcs = self.rng.sample(self.sources, k=min(len(self.sources), 6))
        for s in srcs:
            start = self.rng.randrange(len(s))
            for t in s[start:] + s[:start]:
                if norm(t) not in self.used and len(t) <= maxlen and all(norm(t) not in norm(o) and norm(o) not in norm(t) for o in out):
                    out.append(t)
                    self.used.add(norm(t))
                    if len(out) >= n:
                        return out
            if len(out) >= n * 0.6 and self.rng.random() < 0.5:
                break
        while len(out) < n:      # any unused paragraph
            s = self.rng.choice(self.sources)
            t = self.rng.choice(s)
            if norm(t) not in self.used and len(t) <= maxlen:
                out.append(t)
                self.used.add(norm(t))
        return out

    def head(self, texts: list[str], lo=5, hi=13) -> str:
        """A headline made of the text's own clauses, never a verbatim piece of it: two clauses joined
        ("A，B" / "A　B" / "A：B") or one clause with a character left out."""
        body = "".join(norm(t) for t in texts)
        cs = [c for t in texts for c in clauses(t, 3, hi)]
        rng = self.rng
        if self.real_heads and rng.random() < 0.5:   # half the time a printed headline line of the dev pages
            for i, h in enumerate(self.real_heads):
                if lo <= len(h) <= hi + 3 and h not in self.heads and norm(h) not in body:
                    self.heads.add(self.real_heads.pop(i))
                    return h
        for _ in range(60):
            if len(cs) >= 2 and rng.random() < 0.6:
                a, b = rng.sample(cs, 2)
                if len(a) + len(b) > hi + 3 or len(a) + len(b) < lo:
                    continue
                h = a + rng.choice(("，", "，", "　", "：")) + b
            else:
                c = rng.choice(cs) if cs else "本报讯"
                if not (lo <= len(c) <= hi + 2):
                    continue
                drop = [i for i, ch in enumerate(c) if ch in "的了和与及在将对是已正"] or [len(c) - 1]
                i = rng.choice(drop)
                h = c[:i] + c[i + 1:]
            # no credit or lead-in words a headline would not print (记者王东, 以下是, 具体预报为：)
            if len(norm(h)) >= 4 and norm(h) not in body and h not in self.heads \
                    and not re.search(r"记者|通讯员|本报|以下|为：|为:", h):
                self.heads.add(h)
                return h
        h = (cs[0] if cs else "本报讯") + "新观察"
        self.heads.add(h)
        return h

    def question(self, texts: list[str]) -> str:
        label = self.rng.choice(Q_LABELS)
        if self.questions and self.rng.random() < 0.3:
            q = self.questions.pop(self.rng.randrange(len(self.questions)))
            if norm(q) not in self.used:
                self.used.add(norm(q))
                return label + q
        q = self.rng.choice(Q_TEMPLATES).format(c=self.head(texts, 4, 12))
        return label + q


def make_article(pool: Pool, rng: random.Random, aid: str, kind: str, feat: dict) -> dict:
    """One article's text: titles, byline and sections of blocks (kind, text, label_len)."""
    art = {"id": aid, "kind": kind, "kicker": None, "titles": [], "subtitle": None, "byline": None,
           "byline_pos": None, "sections": [], "pullquotes": [], "pq_numbered": False, "cont": None}
    if kind == "brief":
        paras = pool.paras(1, maxlen=200)
        art["titles"] = [pool.head(paras, 7, 16)]
        art["sections"] = [{"heading": None, "blocks": [("para", paras[0], 0)]}]
        return art
    n = rng.randint(*feat.get("nparas", (5, 12)))
    paras = pool.paras(n)
    if kind == "interview":
        secs = [{"heading": None, "blocks": [("para", p, 0) for p in paras[:rng.choice((1, 1, 2))]]}]
        speaker = rng.choice([name(rng) + "：", rng.choice(ORGS) + name(rng) + "：", name(rng) + "："])
        rest = paras[len(secs[0]["blocks"]):] + pool.paras(rng.randint(2, 4))
        i = 0
        while i < len(rest):
            q = pool.question(rest[i:i + 2])
            blocks = [("question", q, len(re.match(r"^[^：]*：", q).group(0)))]
            blocks.append(("answer", speaker + rest[i], len(speaker)))
            i += 1
            k = rng.choice((0, 0, 1, 2))
            for p in rest[i:i + k]:
                blocks.append(("para", p, 0))
            i += k
            secs.append({"heading": None, "blocks": blocks})
        art["sections"] = secs
    else:
        blocks = [("para", p, 0) for p in paras]
        nsub = 0
        if feat.get("subheads") and len(blocks) >= 5:
            nsub = rng.randint(1, min(3, len(blocks) // 3))
        cuts = sorted(rng.sample(range(1, len(blocks)), nsub)) if nsub else []
        # sometimes the first section starts with a subhead too
        lead_head = nsub and rng.random() < 0.25
        secs, prev = [], 0
        for c in cuts + [len(blocks)]:
            secs.append({"heading": None, "blocks": blocks[prev:c]})
            prev = c
        for j, s in enumerate(secs):
            if j > 0 or lead_head:
                txt = [b[1] for b in s["blocks"]]
                two = rng.random() < feat.get("twoline_sub", 0.25)
                s["heading"] = [pool.head(txt, 5, 11)] + ([pool.head(txt, 5, 11)] if two else [])
        art["sections"] = secs
    body = [b[1] for s in art["sections"] for b in s["blocks"]]
    if rng.random() < feat.get("kicker", 0.3):
        art["kicker"] = pool.head(body, 6, 14)
    art["titles"] = [pool.head(body, 7, 14)]
    if rng.random() < feat.get("twoline_title", 0.3):
        art["titles"].append(pool.head(body, 6, 12))
    if rng.random() < feat.get("subtitle", 0.3):
        art["subtitle"] = "——" + pool.head(body, 6, 14)
    if rng.random() < feat.get("byline", 0.8):
        art["byline"] = byline(rng)
        art["byline_pos"] = "below" if rng.random() < feat.get("byline_below", 0.3) else "above"
    npq = feat.get("npq", 0)
    if npq:
        cand = []
        for si, s in enumerate(art["sections"]):
            for bi, (k, t, ll) in enumerate(s["blocks"]):
                for sent in sentences(t[ll:]):
                    core = sent.strip("“”‘’").rstrip("。！？”").strip("“”")
                    if 12 <= len(core) <= 34 and "“" not in core and "”" not in core:
                        cand.append((si, bi, core))
        rng.shuffle(cand)
        used_blocks = set()
        for si, bi, core in cand:
            if len(art["pullquotes"]) >= npq:
                break
            if (si, bi) in used_blocks:
                continue
            used_blocks.add((si, bi))
            art["pullquotes"].append({"text": core, "src": (si, bi)})
        art["pq_numbered"] = rng.random() < 0.5
    if rng.random() < feat.get("cont", 0.0):
        art["cont"] = f"下转第{rng.randint(2, 16)}版"
    return art


def make_page(pool_data: dict, seed: int, number: int) -> dict:
    rng = random.Random(seed)
    pool = Pool(pool_data, rng)
    pno = f"{number % 100:02d}" if number % 100 else "01"
    y, m, d = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28)
    import datetime as dt
    wd = WEEK[dt.date(y, m, d).weekday()]
    page = {
        "number": number, "pno": pno, "paper": rng.choice(PAPERS), "ban": rng.choice(BANS),
        "date": f"{y}年{m}月{d}日 星期{wd}",
        "editors": f"责任编辑　{name(rng, True).replace(' ', '　')}　　美术编辑　{name(rng, True).replace(' ', '　')}",
        "lead_strip": rng.random() < 0.3,
        "displace": {k for k in ("title", "subhead", "pullquote", "question") if rng.random() < 0.25},
        "serif_titles": rng.random() < 0.3,
        "seed": seed,
    }
    sidebar = rng.random() < 0.45
    sidebar_kind = rng.choice(["briefs", "briefs", "article"]) if sidebar else None
    n_main = rng.choice((1, 2, 2, 3, 3)) if not sidebar else rng.choice((1, 2, 2, 3))
    if sidebar_kind == "article":
        n_main = min(n_main, 3)
    letters = iter("ABCDEFGHIJKLMNOP")
    arts = []
    # rows of the main area: list of lists of cells (fraction, article or 'photo')
    if n_main == 1:
        rows = [[1.0]]
    elif n_main == 2:
        rows = [[1.0], [1.0]] if rng.random() < 0.6 else [[f := round(rng.uniform(0.42, 0.62), 2), round(1 - f, 2)]]
    else:
        if rng.random() < 0.5:
            f = round(rng.uniform(0.4, 0.6), 2)
            rows = [[1.0], [f, round(1 - f, 2)]]
        else:
            f = round(rng.uniform(0.4, 0.6), 2)
            rows = [[f, round(1 - f, 2)], [1.0]]
    page["rows"] = []
    for ri, row in enumerate(rows):
        cells = []
        for fr in row:
            a_id = next(letters)
            kind = "interview" if rng.random() < 0.22 else "normal"
            feat = {
                "nparas": (6, 14) if fr > 0.9 else (4, 9),
                "subheads": rng.random() < 0.45,
                "twoline_sub": rng.choice((0.0, 0.3, 0.7)),
                "kicker": 0.3, "twoline_title": 0.35, "subtitle": 0.35,
                "byline": 0.8, "byline_below": 0.35,
                "npq": rng.choice((0, 0, 1, 2)) if kind == "normal" else rng.choice((0, 1)),
                "cont": 0.12,
            }
            art = make_article(pool, rng, a_id, kind, feat)
            fs = rng.choice((13, 13.5, 14, 14, 15))
            colw = rng.randint(10, 20)
            gap = rng.choice((2.5, 2.8, 3.2))
            cw = fr * (CONTENT_W if not sidebar else CONTENT_W * 0.76) - (60 if len(row) > 1 else 0)
            boxed = rng.random() < 0.25
            inner = cw - (2 * 12 + 2 if boxed else 0)
            ncols = int((inner + gap * fs) // ((colw + gap) * fs))
            if ncols > 6:
                colw = int((inner + gap * fs) / 6 / fs - gap)
                colw = min(colw, 20)
                ncols = 6
            if ncols < 1:
                ncols, colw = 1, int(inner // fs)
            photo = None
            if rng.random() < 0.3:
                photo = rng.choice(("top", "incol"))
            art["style"] = {"fs": fs, "colw": colw, "gap": gap, "ncols": ncols, "lh": line_height(rng, (1.5, 1.6, 1.7, 1.8, 1.9)),
                            "boxed": boxed, "photo": photo, "cellw": cw,
                            "title_fs": rng.choice((24, 28, 30, 34)) if fr > 0.55 else rng.choice((20, 22, 24)),
                            "title_align": rng.choice(("left", "left", "center")),
                            "lead_wide": ri == 0 and fr > 0.9 and rng.random() < 0.3}
            cells.append(art)
            arts.append(art)
        page["rows"].append(cells)
    page["sidebar"] = None
    if sidebar_kind == "briefs":
        items = [make_article(pool, rng, next(letters), "brief", {}) for _ in range(rng.randint(3, 6))]
        for it in items:
            it["style"] = {"fs": 13.5, "colw": rng.randint(13, 17), "lh": line_height(rng, (1.5, 1.6, 1.7))}
        page["sidebar"] = {"kind": "briefs", "items": items, "label": rng.choice(("简讯", "简讯", "快讯", "本地新闻"))}
        arts.extend(items)
    elif sidebar_kind == "article":
        a = make_article(pool, rng, next(letters), "normal", {"nparas": (5, 9), "subheads": rng.random() < 0.4,
                                                              "npq": 0, "twoline_title": 0.5, "kicker": 0.2})
        a["style"] = {"fs": 13.5, "colw": rng.randint(13, 17), "gap": 2.5, "ncols": 1, "lh": line_height(rng, (1.5, 1.7, 1.9)),
                      "boxed": False, "photo": None, "title_fs": 22, "title_align": "left", "lead_wide": False}
        page["sidebar"] = {"kind": "article", "items": [a]}
        arts.append(a)
    # reading order of the gold: main rows left to right, then the sidebar
    page["articles"] = arts
    if page["lead_strip"]:
        first = arts[0]
        s0 = first["sections"][0]
        # a short paragraph across the top of the page (the page number glued on)
        cand = [p for src in pool.sources for p in src if 40 <= len(p) <= 110 and norm(p) not in pool.used]
        if cand:
            p = rng.choice(cand)
            pool.used.add(norm(p))
            if s0["heading"] is None:
                s0["blocks"].insert(0, ("para", p, 0))
            else:
                first["sections"].insert(0, {"heading": None, "blocks": [("para", p, 0)]})
            first["lead_para"] = p
        else:
            page["lead_strip"] = False
    return page


# --------------------------------------------------------------------------- HTML

CSS = """
@page { size: %(w)smm %(h)smm; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Serif CJK SC", serif; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: %(w)smm; box-sizing: border-box; padding: 8mm 10mm 6mm 10mm; }
.strip { font-family: "Noto Sans CJK SC"; font-size: 13px; line-height: 1.6; margin-bottom: 4px; }
.strip .pno { color: #fff; background: #c00; font-weight: bold; padding: 0 4px; margin-right: 6px; }
.hdr { display: flex; align-items: flex-end; gap: 18px; border-bottom: 2px solid #333; padding-bottom: 4px; margin-bottom: 10px;
       font-family: "Noto Sans CJK SC"; }
.hdr .bigno { font-size: 34px; font-weight: bold; color: #fff; background: #c00; padding: 0 10px; line-height: 1.2; }
.hdr .ban { font-size: 22px; font-weight: bold; letter-spacing: .4em; }
.hdr .meta { font-size: 11px; color: #444; }
.main { display: flex; gap: 60px; align-items: flex-start; }
.left { flex: 1 1 auto; }
.side { flex: 0 0 auto; border-left: 1px solid #999; padding-left: 12px; }
.row { display: flex; gap: 60px; align-items: flex-start; margin-bottom: 12px; border-bottom: 1px solid #bbb; padding-bottom: 8px; }
.cell { flex: 0 0 auto; }
.boxed { border: 1.5px solid #a33; padding: 10px 12px; background: #fdf8f2; }
.kicker { font-family: "Noto Sans CJK SC"; font-size: 16px; color: #333; margin: 0 0 2px 0; }
.title { font-family: "Noto Sans CJK SC"; font-weight: bold; margin: 0; line-height: 1.25; }
.serif .title { font-family: "Noto Serif CJK SC"; }
.subtitle { font-family: "Noto Sans CJK SC"; font-size: 17px; margin: 3px 0 0 0; color: #333; }
.byline { font-family: "Noto Sans CJK SC"; font-size: 11.5px; margin: 5px 0 6px 0; color: #333; }
.byline.below { text-align: right; margin-top: 4px; }
.cols { column-fill: balance; }
.cols p { margin: 0; text-indent: 2em; text-align: justify; }
.cols .sub { font-family: "Noto Sans CJK SC"; font-weight: bold; text-align: center; margin: .5em 0 .4em 0; font-size: 1.08em;
             break-inside: avoid; break-after: avoid; }
.cols .sub div { margin: 0; }
.cols p.q { font-weight: bold; color: #8a1010; font-family: "Noto Sans CJK SC"; }
.cols p.a b { font-family: "Noto Sans CJK SC"; }
.pq { break-inside: avoid; border-top: 2px solid #c00; border-bottom: 2px solid #c00; margin: .5em 0; padding: .3em .2em;
      font-family: "Noto Sans CJK SC"; font-weight: bold; color: #222; line-height: 1.5; }
.pq .num { font-size: 2em; color: #c00; line-height: 1.1; }
.photo { background: #d4d4d4; border: 1px solid #bbb; margin: 4px 0 8px 0; break-inside: avoid; }
.cont { text-align: right; font-size: .9em; font-family: "Noto Sans CJK SC"; margin-top: 3px; }
.label { font-family: "Noto Sans CJK SC"; font-weight: bold; font-size: 18px; color: #c00; border-bottom: 2px solid #c00;
         margin-bottom: 6px; letter-spacing: .3em; }
.brief h5 { font-family: "Noto Sans CJK SC"; font-weight: bold; font-size: 14px; margin: 8px 0 3px 0; }
.brief p { margin: 0; text-indent: 2em; text-align: justify; }
.late { position: relative; }
.filler { display: flex; gap: 16px; }
.filler div { background: #d4d4d4; border: 1px solid #bbb; flex: 1 1 0; }
"""


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def art_html(a: dict, page: dict, width: float) -> str:
    st = a["style"]
    late = page["displace"]
    out = [f'<div class="cell{" boxed" if st["boxed"] else ""}{" serif" if page["serif_titles"] else ""}" '
           f'id="art{a["id"]}" style="width:{width:.1f}px">']
    al = st["title_align"]
    head = []
    if a["kicker"]:
        head.append(f'<div class="kicker{" late" if "title" in late else ""}" style="text-align:{al}">{esc(a["kicker"])}</div>')
    for t in a["titles"]:
        head.append(f'<div class="title{" late" if "title" in late else ""}" style="font-size:{st["title_fs"]}px;text-align:{al}">{esc(t)}</div>')
    if a["subtitle"]:
        head.append(f'<div class="subtitle{" late" if "title" in late else ""}" style="text-align:{al}">{esc(a["subtitle"])}</div>')
    out += head
    if a["byline"] and a["byline_pos"] == "above":
        out.append(f'<div class="byline">{esc(a["byline"])}</div>')
    fs, colw, gap, n = st["fs"], st["colw"], st["gap"], st["ncols"]
    bw = n * colw * fs + (n - 1) * gap * fs
    if st["photo"] == "top":
        out.append(f'<div class="photo" style="width:{min(width - 4, bw):.0f}px;height:{int(fs * colw * 0.55)}px"></div>')
    body = []
    pqs = {}
    for i, pq in enumerate(a["pullquotes"]):
        pqs.setdefault(pq["src"], []).append((i, pq))
    first = True
    for si, s in enumerate(a["sections"]):
        if s["heading"]:
            inner = "".join(f"<div>{esc(h)}</div>" for h in s["heading"])
            body.append(f'<div class="sub{" late" if "subhead" in late else ""}">{inner}</div>')
        for bi, (k, t, ll) in enumerate(s["blocks"]):
            if first and a.get("lead_para") == t:
                first = False
                continue
            first = False
            if k == "question":
                body.append(f'<p class="q{" late" if "question" in late else ""}">{esc(t)}</p>')
            elif k == "answer":
                body.append(f'<p class="a"><b>{esc(t[:ll])}</b>{esc(t[ll:])}</p>')
            else:
                body.append(f"<p>{esc(t)}</p>")
            if st["photo"] == "incol" and si == 0 and bi == 0:
                body.append(f'<div class="photo" style="height:{int(fs * colw * 0.7)}px"></div>')
            # a pull quote sits two blocks after its source sentence (or right after it)
            for i, pq in pqs.get((si, bi), []):
                num = f'<div class="num">{i + 1}</div>' if a["pq_numbered"] else ""
                body.append(f'<div class="pq{" late" if "pullquote" in late else ""}">{num}<div>{esc(pq["text"])}</div></div>')
    if a["byline"] and a["byline_pos"] == "below":
        body.append(f'<div class="byline below">{esc(a["byline"])}</div>')
    if a.get("cont"):
        body.append(f'<div class="cont">{esc(a["cont"])}</div>')
    lead_wide = ""
    out.append(f'<div class="cols" style="font-size:{fs}px;line-height:{st["lh"]};width:{bw:.1f}px;'
               f'column-count:{n};column-gap:{gap}em">{"".join(body)}</div>')
    out.append("</div>")
    return lead_wide + "\n".join(out)


def brief_html(side: dict, page: dict) -> tuple[str, float]:
    items = side["items"]
    st = items[0]["style"]
    w = st["colw"] * st["fs"]
    out = [f'<div class="side" id="side" style="width:{w:.1f}px">']
    if side["kind"] == "briefs":
        out.append(f'<div class="label">{esc(side["label"])}</div>')
        for it in items:
            s = it["style"]
            late = " late" if "title" in page["displace"] else ""
            out.append(f'<div class="brief" id="art{it["id"]}" style="font-size:{s["fs"]}px;line-height:{s["lh"]}">'
                       f'<h5 class="{late.strip()}">{esc(it["titles"][0])}</h5><p>{esc(it["sections"][0]["blocks"][0][1])}</p></div>')
    else:
        a = items[0]
        out.append(art_html(a, page, w))
    out.append("</div>")
    return "\n".join(out), w


def page_html(page: dict, filler_h: float = 0) -> str:
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>{CSS % {'w': PAGE_W_MM, 'h': PAGE_H_MM}}</style></head><body><div class='page' id='page'>"]
    if page["lead_strip"]:
        lead = page["articles"][0].get("lead_para", "")
        parts.append(f'<div class="strip"><span class="pno">{page["pno"]}</span> <span>{esc(lead)}</span></div>')
        parts.append(f'<div class="hdr"><span class="ban">{esc(page["ban"])}</span>'
                     f'<span class="meta">{esc(page["paper"])}　{esc(page["date"])}</span><span class="meta">{esc(page["editors"])}</span></div>')
    else:
        parts.append(f'<div class="hdr"><span class="bigno">{page["pno"]}</span><span class="ban">{esc(page["ban"])}</span>'
                     f'<span class="meta">{esc(page["paper"])}　{esc(page["date"])}</span><span class="meta">{esc(page["editors"])}</span></div>')
    side_html, side_w = ("", 0)
    if page["sidebar"]:
        side_html, side_w = brief_html(page["sidebar"], page)
    left_w = CONTENT_W - (side_w + 60 + 13 if side_w else 0)
    parts.append('<div class="main"><div class="left" id="left">')
    for row in page["rows"]:
        parts.append('<div class="row">')
        tot = sum(a["style"]["cellw"] for a in row)
        for a in row:
            w = (left_w - 60 * (len(row) - 1)) * a["style"]["cellw"] / tot
            a["style"]["width"] = w
            parts.append(art_html(a, page, w))
        parts.append("</div>")
    if filler_h > 40:
        k = 1 if filler_h < 120 else 2
        parts.append(f'<div class="filler" style="height:{filler_h:.0f}px">' + "<div></div>" * k + "</div>")
    parts.append("</div>")
    parts.append(side_html)
    parts.append("</div></div></body></html>")
    return "\n".join(parts)


def fit_widths(page: dict) -> None:
    """Columns of each article re-fitted to the width its cell really gets."""
    side_w = 0
    if page["sidebar"]:
        st = page["sidebar"]["items"][0]["style"]
        side_w = st["colw"] * st["fs"]
    left_w = CONTENT_W - (side_w + 60 + 13 if side_w else 0)
    for row in page["rows"]:
        tot = sum(a["style"]["cellw"] for a in row)
        for a in row:
            st = a["style"]
            w = (left_w - 60 * (len(row) - 1)) * st["cellw"] / tot
            inner = w - (2 * 12 + 3 if st["boxed"] else 0) - 2
            fs, gap = st["fs"], st["gap"]
            n = int((inner + gap * fs) // ((st["colw"] + gap) * fs))
            while n > 6:
                st["colw"] += 1
                n = int((inner + gap * fs) // ((st["colw"] + gap) * fs))
                if st["colw"] >= 20:
                    n = min(n, 6)
            while n < 1 and st["colw"] > 10:
                st["colw"] -= 1
                n = int((inner + gap * fs) // ((st["colw"] + gap) * fs))
            st["ncols"] = max(1, min(6, n))


# --------------------------------------------------------------------------- render, fit, extract

def trim_one(page: dict, heights: dict) -> bool:
    """Drop the last body block of the tallest article that can lose one; False when nothing can go."""
    cands = []
    for row in page["rows"]:
        for a in row:
            cands.append((heights.get("art" + a["id"], 0), a))
    if page["sidebar"]:
        side = page["sidebar"]
        if side["kind"] == "briefs" and len(side["items"]) > 2:
            cands.append((heights.get("side", 0), side))
        elif side["kind"] == "article":
            cands.append((heights.get("side", 0), side["items"][0]))
    cands.sort(key=lambda x: -x[0])
    # the tallest row decides the overflow: trim the tallest cell of each row in height order
    for _, a in cands:
        if a.get("kind") == "briefs":
            gone = a["items"].pop()
            page["articles"].remove(gone)
            return True
        nblocks = sum(len(s["blocks"]) for s in a["sections"])
        if nblocks <= 2:
            continue
        s = a["sections"][-1]
        if len(a["sections"]) > 1 and len(s["blocks"]) <= 1:
            a["sections"].pop()
        else:
            s["blocks"].pop()
            if s["blocks"] and s["blocks"][-1][0] == "question":
                s["blocks"].pop()
            if not s["blocks"]:
                a["sections"].pop()
        valid = {(si, bi) for si, sec in enumerate(a["sections"]) for bi in range(len(sec["blocks"]))}
        a["pullquotes"] = [p for p in a["pullquotes"] if p["src"] in valid]
        return True
    return False


MEASURE_JS = """() => {
  const r = {};
  for (const el of document.querySelectorAll('.cell, .side')) r[el.id] = el.getBoundingClientRect().height;
  r.__bottom = document.getElementById('page').getBoundingClientRect().bottom;
  r.__left = document.getElementById('left').getBoundingClientRect().bottom;
  const side = document.getElementById('side');
  r.__side = side ? side.getBoundingClientRect().bottom : 0;
  return r;
}"""


def render(browser, page: dict, out: Path, stem: str) -> Path:
    fit_widths(page)
    bp = browser.new_page(viewport={"width": int(PAGE_W) + 1, "height": int(PAGE_H) + 1})
    bp.emulate_media(media="print")
    limit = PAGE_H - 2
    for _ in range(60):
        bp.set_content(page_html(page), wait_until="load")
        m = bp.evaluate(MEASURE_JS)
        if m["__bottom"] <= limit:
            break
        if not trim_one(page, m):
            raise RuntimeError("page does not fit")
    else:
        raise RuntimeError("page does not fit after trimming")
    room = limit - m["__bottom"] - 6
    longest = max(m["__left"], m["__side"])
    filler = max(0.0, room + (longest - m["__left"]) - 14)
    html_text = page_html(page, filler_h=filler if filler > 40 else 0)
    bp.set_content(html_text, wait_until="load")
    m2 = bp.evaluate(MEASURE_JS)
    if m2["__bottom"] > limit:
        html_text = page_html(page)
        bp.set_content(html_text, wait_until="load")
    pdf = out / f"{stem}.pdf"
    bp.pdf(path=str(pdf), width=f"{PAGE_W_MM}mm", height=f"{PAGE_H_MM}mm", print_background=True,
           margin={"top": "0", "right": "0", "bottom": "0", "left": "0"}, prefer_css_page_size=True)
    (out / f"{stem}.html").write_text(html_text, encoding="utf-8")
    bp.close()
    return pdf


# Chromium's PDFs map some glyphs that Noto CJK shares between a radical and an ideograph to the
# radical's code point, and pdfminer.six reports that (PyMuPDF and poppler give the ideograph); the
# dev pdfminer dumps have none, so they are mapped back: Kangxi radicals by NFKC, the supplement here.
_PAIRS = "⻋车⻜飞⻓长⻛风⻔门⻘青⻅见⻩黄⻝食⻢马⻥鱼⻦鸟⻰龙⻚页⻉贝⻄西⻆角⻬齐⻮齿⻳龟⻨麦⻈讠⻙韦⻣骨⻤鬼⺠民⺟母⻧卤⻪黾"
RADICALS_SUPPLEMENT = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}


def fix_radicals(t: str) -> str:
    out = []
    for ch in t:
        o = ord(ch)
        if 0x2F00 <= o <= 0x2FDF:
            ch = unicodedata.normalize("NFKC", ch)
        elif 0x2E80 <= o <= 0x2EFF:
            ch = RADICALS_SUPPLEMENT.get(ch, ch)
        out.append(ch)
    return "".join(out)


def same_glyphs(text: str, ref: str) -> str:
    """Characters pdfminer reads differently from PyMuPDF for the same glyph (戶 for 户, ― for —):
    each character absent from ``ref`` is replaced by the one ``ref`` has in the same context."""
    ref_n = "".join(norm(x) for x in ref.split("\n"))
    have = set(ref_n)
    odd = {ch for ch in text if not ch.isspace() and ch not in have}
    if not odd:
        return text
    lines = [norm(x) for x in text.split("\n")]
    fix = {}
    for ch in odd:
        votes = {}
        for ln in lines:
            for m in re.finditer(re.escape(ch), ln):
                p = m.start()
                left, right = ln[max(0, p - 5):p], ln[p + 1:p + 6]
                if len(left) + len(right) < 4:
                    continue
                for mm in re.finditer(re.escape(left) + "(.)" + re.escape(right), ref_n):
                    votes[mm.group(1)] = votes.get(mm.group(1), 0) + 1
        if votes:
            fix[ch] = max(votes, key=votes.get)
    return "".join(fix.get(ch, ch) for ch in text)


def extract(pdf: Path) -> dict[str, str]:
    import fitz  # PyMuPDF
    from pdfminer.high_level import extract_text
    doc = fitz.open(str(pdf))
    if doc.page_count != 1:
        raise RuntimeError(f"{pdf.name}: {doc.page_count} pages")
    res = {"mupdf": doc[0].get_text("text")}
    p = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    res["pdftotext"] = p.stdout.decode("utf-8")
    res["pdfminer"] = same_glyphs(fix_radicals(extract_text(str(pdf))), res["mupdf"])
    return res


def save_png(pdf: Path, png: Path) -> None:
    import fitz
    doc = fitz.open(str(pdf))
    pix = doc[0].get_pixmap(matrix=fitz.Matrix(0.7, 0.7))
    pix.save(str(png))


# --------------------------------------------------------------------------- gold by alignment

def units_of(page: dict) -> tuple[list[dict], list[str]]:
    """Gold units (every printed line of a heading is a unit) and the texts in no block."""
    units = []

    def add(art, role, kind, text, idx=None):
        units.append({"art": art["id"], "role": role, "kind": kind, "text": norm(text), "idx": idx, "raw": text})

    for a in page["articles"]:
        tl = ([a["kicker"]] if a["kicker"] else []) + a["titles"] + ([a["subtitle"]] if a["subtitle"] else [])
        for i, t in enumerate(tl):
            add(a, "title", "title", t, i)
        if a["byline"]:
            add(a, "byline", "byline", a["byline"])
        for si, s in enumerate(a["sections"]):
            for hi, h in enumerate(s["heading"] or []):
                add(a, "heading", "subhead", h, (si, hi))
            for bi, (k, t, _) in enumerate(s["blocks"]):
                add(a, "block", k, t, (si, bi))
        for qi, pq in enumerate(a["pullquotes"]):
            add(a, "pullquote", "pullquote", pq["text"], qi)
    junk = [page["pno"], page["ban"], page["paper"], page["date"], page["editors"]]
    if page["sidebar"] and page["sidebar"]["kind"] == "briefs":
        junk.append(page["sidebar"]["label"])
    for a in page["articles"]:
        if a.get("cont"):
            junk.append(a["cont"])
        if a["pq_numbered"]:
            junk += [str(i + 1) for i in range(len(a["pullquotes"]))]
    return units, [norm(j) for j in junk if norm(j)]


def is_junk(s: str, junk: list[str]) -> bool:
    if not s:
        return True
    ok = [True] + [False] * len(s)
    for i in range(len(s)):
        if not ok[i]:
            continue
        for j in range(i + 1, len(s) + 1):
            if any(s[i:j] in t for t in junk):
                ok[j] = True
            else:
                break
    return ok[len(s)]


class AlignError(Exception):
    pass


CHAIN, LOOK = 3, 6


def chain_len(text: str, pos: int, following: list[str]) -> int:
    """How many of the next lines go on with ``text`` from ``pos`` (lines of other blocks in between
    are skipped, as pdfminer interleaves columns); CHAIN once the text is complete."""
    c = 0
    for x in following:
        if pos >= len(text) or c >= CHAIN:
            return CHAIN
        if text.startswith(x, pos):
            pos += len(x)
            c += 1
    return CHAIN if pos >= len(text) else c


def align(text: str, units: list[dict], junk: list[str], budget: int = 200000):
    """Assign every extracted line to (unit, offset) or to no block, so that every unit is read whole
    exactly once.  Candidates are tried best first (a line that goes on with the next lines, then one
    continuing a unit where it was left, a header line, the start of a unit, anything that fits);
    a dead end jumps back to the line that took the text the failing line needs.
    Returns (lines, cover, fixups, nolines)."""
    lines = text.split("\n")
    cover = [[] for _ in units]            # per unit: (off, end, line_no)
    last_touch = [-1] * len(units)
    junk_exact = set(junk)
    nz = [(k, norm(x)) for k, x in enumerate(lines, 1) if norm(x)]
    nexts = {}
    for j, (k, _) in enumerate(nz):
        nexts[k] = [x for _, x in nz[j + 1:j + 1 + LOOK]]
    # variants of each line: itself, or itself without a glued prefix in no block
    var = []
    for k, n in nz:
        raw = lines[k - 1]
        vs = [(n, None)]
        st = raw.lstrip()
        lead_ws = raw[:len(raw) - len(st)]
        for c in range(1, min(len(st), 12)):
            pre = st[:c]
            if norm(pre) and is_junk(norm(pre), junk) and norm(st[c:]):
                old = lead_ws + pre + re.match(r"\s*", st[c:]).group(0)
                vs.append((norm(st[c:]), old))
        matches = []   # (vi, ui, off, end) ignoring coverage
        for vi, (v, old) in enumerate(vs):
            for ui, u in enumerate(units):
                start = 0
                while (off := u["text"].find(v, start)) >= 0:
                    start = off + 1
                    matches.append((vi, ui, off, off + len(v)))
        isj = 2 if n in junk_exact else (1 if is_junk(n, junk) else 0)
        var.append((k, n, vs, matches, isj))
    owner = {}                              # (ui, char) -> line index in nz
    steps = [0]
    choice = [None] * len(nz)
    sys.setrecursionlimit(max(10000, 4 * len(nz) + 1000))

    def cands(i, prev):
        k, n, vs, matches, isj = var[i]
        out = []
        for vi, ui, off, end in matches:
            if any(not (end <= a or off >= b) for a, b, _ in cover[ui]):
                continue
            t = units[ui]["text"]
            if prev and prev[0] == ui and prev[1] == off:
                rank = 0
            elif any(b == off for _, b, _ in cover[ui]):
                rank = 1
            elif off == 0 and not cover[ui]:
                rank = 3 if end == len(t) else 4
            else:
                rank = 5
            chain = chain_len(t, end, nexts[k])
            out.append((-chain, rank, vi, -last_touch[ui], ui, off, end, vs[vi][1]))
        if isj == 2:
            out.append((-CHAIN, 2, 0, 0, -1, 0, 0, None))
        elif isj == 1:
            out.append((-1, 2.5, 0, 0, -1, 0, 0, None))
        out.sort(key=lambda c: c[:4])
        return out

    def culprits(i):
        """Lines holding text that line i could have taken."""
        k, n, vs, matches, isj = var[i]
        found = set()
        for vi, ui, off, end in matches:
            for c in range(off, end):
                if (ui, c) in owner:
                    found.add(owner[(ui, c)])
        return found

    def complete():
        for ui, u in enumerate(units):
            pos = 0
            for a, b, _ in sorted(cover[ui]):
                if a != pos:
                    break
                pos = b
            if pos != len(u["text"]):
                return ui
        return -1

    def step(i, prev):
        """True, or the set of line indexes to blame for the dead end."""
        steps[0] += 1
        if steps[0] > budget:
            raise AlignError("alignment search too long")
        if i == len(nz):
            ui = complete()
            if ui < 0:
                return True
            return set(range(len(nz)))
        blame = set()
        for c in cands(i, prev):
            _, rank, vi, _, ui, off, end, old = c
            choice[i] = c
            if ui < 0:
                r = step(i + 1, prev)
            else:
                cover[ui].append((off, end, var[i][0]))
                keep = last_touch[ui]
                last_touch[ui] = var[i][0]
                for ch in range(off, end):
                    owner[(ui, ch)] = i
                r = step(i + 1, (ui, end))
                if r is not True:
                    cover[ui].pop()
                    last_touch[ui] = keep
                    for ch in range(off, end):
                        del owner[(ui, ch)]
            if r is True:
                return True
            if i not in r:
                return r          # the dead end is not this line's doing: jump back over it
            blame |= r - {i}
        if not blame and not cands(i, prev):
            blame = culprits(i)
        return blame | culprits(i)

    r = step(0, None)
    if r is not True:
        if not nz:
            raise AlignError("empty dump")
        ui = complete()
        bad = [var[i] for i in range(len(nz)) if choice[i] is None]
        where = f"line {bad[0][0]} {bad[0][1][:30]!r}" if bad else "coverage"
        raise AlignError(f"no exact alignment ({where}; unit {units[ui]['raw'][:20]!r} incomplete)")
    fixups, nolines = [], []
    for i, c in enumerate(choice):
        k = var[i][0]
        _, rank, vi, _, ui, off, end, old = c
        if ui < 0:
            nolines.append((k, lines[k - 1].strip()))
        elif old is not None:
            fixups.append((k, old, ""))
            nolines.append((k, old.strip()))
    return lines, cover, fixups, nolines


def ranges_of(segs, lines) -> list[tuple[int, int]]:
    out = []
    for _, _, ln in sorted(segs):
        if out and ln > out[-1][1] and all(not norm(lines[k - 1]) for k in range(out[-1][1] + 1, ln)):
            out[-1] = (out[-1][0], ln)
        else:
            out.append((ln, ln))
    return out


def gold_source(page: dict, stem: str, extractor: str, text: str) -> str:
    units, junk = units_of(page)
    lines, cover, fixups, nolines = align(text, units, junk)
    by = {}
    for ui, u in enumerate(units):
        by[(u["art"], u["role"], json.dumps(u["idx"]))] = ranges_of(cover[ui], lines)
    no = ", ".join(f"{ln}:{t[:12]}" for ln, t in sorted(set(nolines)))
    out = [f'"""Gold reconstruction of {stem}_{extractor}.txt (simulated e-paper page {page["pno"]}, extractor {extractor}).',
           "",
           f"Generated by bench/simpage.py (seed {page['seed']}) by aligning the extracted lines",
           "to the known article text (whitespace removed).  Same format as the dev gold:",
           "every block is a list of 1-based line ranges of the raw .txt; its text is those",
           "lines joined with no separator, each stripped.  Lines in no block (page header,",
           "paper name, pull-quote numbers):",
           f"  {no}",
           '"""', "", f'SEED = "{stem}_{extractor}.txt"', "",
           "# (kind, [(first_line, last_line), ...])",
           "#   kind: title | subhead | para | question | answer | pullquote | byline",
           "ARTICLES = ["]
    for a in page["articles"]:
        tl = ([a["kicker"]] if a["kicker"] else []) + a["titles"] + ([a["subtitle"]] if a["subtitle"] else [])
        title = []
        for i in range(len(tl)):
            r = by[(a["id"], "title", json.dumps(i))]
            if len(r) != 1:
                raise AlignError(f"title line {tl[i]!r} of {a['id']} in {len(r)} pieces")
            title.append(r[0])
        byl = by[(a["id"], "byline", json.dumps(None))] if a["byline"] else None
        slug = {"brief": "brief", "interview": "interview"}.get(a["kind"], "article")
        out += ["    {", f'        "id": "{a["id"]}",   # {slug} ({a["titles"][0]})',
                f'        "title": {title},', f'        "byline": {byl},', '        "ordered_sections": True,',
                '        "sections": [']
        for si, s in enumerate(a["sections"]):
            head = None
            if s["heading"]:
                head = []
                for hi, h in enumerate(s["heading"]):
                    r = by[(a["id"], "heading", json.dumps([si, hi]))]
                    if len(r) != 1:
                        raise AlignError(f"subhead line {h!r} of {a['id']} in {len(r)} pieces")
                    head.append(r[0])
            out.append(f'            {{"heading": {head}, "blocks": [')
            for bi, (k, t, _) in enumerate(s["blocks"]):
                out.append(f'                ("{k}", {by[(a["id"], "block", json.dumps([si, bi]))]}),')
            out.append("            ]},")
        pqs = [by[(a["id"], "pullquote", json.dumps(qi))] for qi in range(len(a["pullquotes"]))]
        out += ["        ],", f'        "pullquotes": {pqs},', "    },"]
    out += ["]", "", "# text fixes applied after joining: (line, old_prefix, new_prefix)", f"FIXUPS = {fixups!r}", ""]
    return "\n".join(out)


def check_gold(page: dict, gold_path: Path, seed_path: Path, score_site: Path) -> None:
    """Every gold text read back by score_site.load_gold equals its source text (after norm)."""
    ss = load_module(score_site, "score_site_check")
    mod = load_module(gold_path, "gold_check")
    g = ss.load_gold(mod, seed_path)
    want_blocks, want_titles, want_pq, want_by = [], [], [], []
    for a in page["articles"]:
        tl = ([a["kicker"]] if a["kicker"] else []) + a["titles"] + ([a["subtitle"]] if a["subtitle"] else [])
        want_titles.append((a["id"], [norm(t) for t in tl]))
        if a["byline"]:
            want_by.append((a["id"], norm(a["byline"])))
        want_pq += [(a["id"], norm(p["text"])) for p in a["pullquotes"]]
        for s in a["sections"]:
            if s["heading"]:
                want_titles.append((a["id"], [norm(h) for h in s["heading"]]))
            want_blocks += [(a["id"], k, norm(t)) for k, t, _ in s["blocks"]]
    got_blocks = [(b["art"], b["kind"], ss.norm(b["text"])) for b in g["blocks"]]
    got_titles = [(aid, [ss.norm(x) for x in ts]) for aid, ts in g["titles"]]
    if got_blocks != want_blocks:
        bad = [(w, x) for w, x in zip(want_blocks, got_blocks) if w != x][:1]
        raise AlignError(f"gold blocks differ from the source: {bad}")
    if got_titles != want_titles:
        raise AlignError("gold titles differ from the source")
    if [(a, ss.norm(t)) for a, t in g["pullquotes"]] != want_pq:
        raise AlignError("gold pull quotes differ from the source")
    if [(a, ss.norm(t)) for a, t in g["bylines"]] != want_by:
        raise AlignError("gold bylines differ from the source")


def describe(page: dict) -> str:
    bits = []
    if page["lead_strip"]:
        bits.append("lead para across top (page no. glued)")
    for ri, row in enumerate(page["rows"]):
        cells = []
        for a in row:
            st = a["style"]
            f = [f"{a['id']}:{st['ncols']}x{st['colw']}ch lh{st['lh']}"]
            if a["kind"] == "interview":
                f.append("Q&A")
            if st["boxed"]:
                f.append("boxed")
            if a["kicker"]:
                f.append("kicker")
            if len(a["titles"]) > 1:
                f.append("2-line title")
            if a["subtitle"]:
                f.append("subtitle")
            if a["byline"]:
                f.append(f"byline {a['byline_pos']}")
            nsub = sum(1 for s in a["sections"] if s["heading"])
            if nsub:
                two = sum(1 for s in a["sections"] if s["heading"] and len(s["heading"]) > 1)
                f.append(f"{nsub} subheads" + (f" ({two} 2-line)" if two else ""))
            if a["pullquotes"]:
                f.append(f"{len(a['pullquotes'])} pullquote{'s' if len(a['pullquotes']) > 1 else ''}"
                         + (" numbered" if a["pq_numbered"] else ""))
            if st.get("photo"):
                f.append("photo")
            if a.get("cont"):
                f.append("下转")
            cells.append(" ".join(f))
        bits.append(f"row{ri + 1}[" + " | ".join(cells) + "]")
    if page["sidebar"]:
        s = page["sidebar"]
        if s["kind"] == "briefs":
            bits.append(f"sidebar {s['label']} x{len(s['items'])}")
        else:
            a = s["items"][0]
            bits.append(f"sidebar article {a['id']} 1x{a['style']['colw']}ch" + (" 2-line title" if len(a["titles"]) > 1 else ""))
    if page["displace"]:
        bits.append("painted last: " + ",".join(sorted(page["displace"])))
    return "; ".join(bits)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=101, help="number of the first page (pageNNN)")
    ap.add_argument("--out", default="/work/simdev/dev")
    ap.add_argument("--dev", default=str(DEV), help="dev set whose gold paragraphs feed the text pool")
    ap.add_argument("--keep", action="store_true", help="keep the .pdf and .html of each page")
    ap.add_argument("--tries", type=int, default=8, help="layouts drawn per page before giving up")
    ap.add_argument("--tight", type=float, default=None,
                    help="share of articles set at line-height 1.45-1.5, where pdfminer keeps a paragraph's "
                         "lines in one box as in the dev pages' pdfminer dumps (0.7 looks like them); "
                         "default: 1.5-1.9 drawn evenly")
    a = ap.parse_args()
    global TIGHT
    TIGHT = a.tight
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    score_site = Path(a.dev).parent / "score_site.py"
    shutil.copy2(score_site, out.parent / "score_site.py")
    pool = text_pool(Path(a.dev))
    print(f"text pool: {len(pool['sources'])} source articles, {sum(map(len, pool['sources']))} paragraphs, "
          f"{len(pool['questions'])} questions, {len(pool['answers'])} answers", file=sys.stderr)
    from playwright.sync_api import sync_playwright
    summary = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        for i in range(a.pages):
            number = a.first + i
            stem = f"page{number}"
            for t in range(a.tries):
                sub = a.seed * 1000003 + number * 101 + t
                try:
                    page = make_page(pool, sub, number)
                    pdf = render(browser, page, out, stem)
                    texts = extract(pdf)
                    golds = {}
                    for e in EXTRACTORS:
                        try:
                            golds[e] = gold_source(page, stem, e, texts[e])
                        except AlignError as err:
                            raise AlignError(f"{e}: {err}") from None
                    for e in EXTRACTORS:
                        (out / f"{stem}_{e}.txt").write_text(texts[e], encoding="utf-8")
                        (out / f"gold_{stem}_{e}.py").write_text(golds[e], encoding="utf-8")
                        check_gold(page, out / f"gold_{stem}_{e}.py", out / f"{stem}_{e}.txt", score_site)
                except (AlignError, RuntimeError) as err:
                    print(f"{stem} try {t + 1}: dropped ({err})", file=sys.stderr)
                    for f in out.glob(f"*{stem}_*"):
                        f.unlink()
                    continue
                save_png(pdf, out / f"{stem}.png")
                if not a.keep:
                    pdf.unlink()
                    (out / f"{stem}.html").unlink()
                d = describe(page)
                summary.append({"page": stem, "seed": sub, "layout": d})
                print(f"{stem}: {d}", file=sys.stderr)
                break
            else:
                print(f"{stem}: no exact gold after {a.tries} layouts; skipped", file=sys.stderr)
        browser.close()
    (out / "simpage_layouts.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(summary)} pages, {3 * len(summary)} cases in {out}")


if __name__ == "__main__":
    main()
