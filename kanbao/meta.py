"""Issue metadata of a seed: newspaper, date, page number, page name (版名).

Each field is taken from the first source that has it, in this order:

1. ``meta.yml`` in the seed's folder or any folder above it up to ``seeds/``
   (the nearest file wins; its ``files:`` entry for the seed wins over its
   folder-wide keys);
2. folder names (``seeds/成都日报/2024-12-05/07.txt``: a folder that is a date
   gives the date, any other folder the newspaper);
3. the page header printed in the dump (``江城日报 2024年10月23日 星期三``,
   the 版名 next to it, the page number glued to the first line);
4. the file name (``2024-12-05_07.txt``, ``第07版.txt``).

Everything here is untrusted text: values are cleaned (control characters
dropped, length capped) but not escaped — escaping happens where they reach
HTML.

>>> m = from_header(["农 业 · 乡 村 江城日报\\u20032024年10月23日 星期三 责任编辑\\u2003张\\u2003磊"])
>>> m.paper, m.date, m.page_name
('江城日报', '2024-10-23', '农业·乡村')
>>> from_path(Path("成都日报/2024-12-05/07.txt")).__dict__ == {
...     "paper": "成都日报", "date": "2024-12-05", "page_no": "07", "page_name": ""}
True
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path, PurePath

import yaml

FIELDS = ("paper", "date", "page_no", "page_name")
MAX_LEN = 40
META_FILE = "meta.yml"


@dataclass
class PageMeta:
    paper: str = ""
    date: str = ""         # YYYY-MM-DD
    page_no: str = ""      # "07"
    page_name: str = ""    # 版名: 要闻, 农业·乡村 …

    def merged(self, other: "PageMeta") -> "PageMeta":
        """Fields of ``self``, gaps filled from ``other``.

        >>> PageMeta(paper="A").merged(PageMeta(paper="B", date="2024-01-02")).__dict__["date"]
        '2024-01-02'
        """
        return PageMeta(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


_MARKUP = set("<>&\"'`")


def clean(value: object) -> str:
    """A metadata value as one short line of plain text: control characters and
    markup characters (``<>&"'```) dropped — no newspaper or page name needs them,
    and a value that cannot hold markup cannot inject it anywhere it is shown.

    >>> clean(" 江城\\x7f日报\\n "), clean(12), clean(None), len(clean("长" * 99)), clean("<b>要闻</b>")
    ('江城日报', '12', '', 40, 'b要闻/b')
    """
    if value is None or isinstance(value, (dict, list)):
        return ""
    s = "".join(c for c in str(value) if (unicodedata.category(c)[0] != "C" or c == " ") and c not in _MARKUP)
    return re.sub(r"\s+", " ", s).strip()[:MAX_LEN]


def norm_date(value: object) -> str:
    """A date as ``YYYY-MM-DD``, or ``""`` when it is not a real date.

    >>> norm_date("2024-12-5"), norm_date("20241205"), norm_date("2024年12月5日"), norm_date("2024-02-30")
    ('2024-12-05', '2024-12-05', '2024-12-05', '')
    """
    if isinstance(value, (_dt.date,)):
        return value.isoformat()[:10]
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-/._年]\s*(\d{1,2})\s*[-/._月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*", clean(value))
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def norm_page_no(value: object) -> str:
    """A page number as two digits at least (``7`` → ``07``); ``""`` if it is not one.

    >>> norm_page_no(7), norm_page_no("A07"), norm_page_no("第3版"), norm_page_no("x")
    ('07', 'A07', '03', '')
    """
    s = clean(value)
    m = re.fullmatch(r"第?\s*([A-Za-z]?)(\d{1,3})\s*版?", s)
    if not m:
        return ""
    return m.group(1).upper() + f"{int(m.group(2)):02d}"


# --- the page header printed in the dump ------------------------------------

_SP = r"[\s\u3000\u2003]"
_DATE = re.compile(rf"(\d{{4}}){_SP}*年{_SP}*(\d{{1,2}}){_SP}*月{_SP}*(\d{{1,2}}){_SP}*日")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}$")
_EDITOR = re.compile(rf"(?:责任|美术|图片)?编辑")
_NAME = re.compile(r"^[\u4e00-\u9fff·•・]{2,10}$")


def from_header(furniture: list[str], first_line_rest: str = "") -> PageMeta:
    """Newspaper, date and 版名 from the page header lines (``Page.furniture``).

    The newspaper is the run of Chinese characters right before the printed
    date; the 版名 is a short run of Chinese characters (letter spacing
    removed) that is neither the newspaper, the date nor an editor's credit.

    >>> m = from_header(["要闻", "江城日报2024年3月13日 星期三", "责任编辑 张 磊"])
    >>> m.paper, m.date, m.page_name
    ('江城日报', '2024-03-13', '要闻')
    >>> from_header(["责任编辑 张 磊", "美术编辑 刘 芸 江城日报2017年9月9日 星期六"]).page_name
    ''
    """
    meta = PageMeta()
    names: list[str] = []
    for text in furniture + ([first_line_rest] if first_line_rest else []):
        before = text
        m = _DATE.search(text)
        if m:
            if not meta.date:
                meta.date = norm_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
            before = text[:m.start()].rstrip(" \u3000\u2003\t")
            run = _CJK_RUN.search(before)
            if run and not meta.paper:
                paper = run.group(0)
                if len(paper) > 8:     # glued to an editor's name: keep the …报 at the end
                    tail = re.search(r"[\u4e00-\u9fff]{2,4}报$", paper)
                    paper = tail.group(0) if tail else ""
                meta.paper = "" if _EDITOR.search(paper) else paper
            if run:
                before = before[:run.start()]
        for piece in re.split(r"[\s\u3000\u2003]{2,}|\|", before):
            name = re.sub(_SP + "+", "", piece)
            if _NAME.match(name) and not _EDITOR.search(name) and "记者" not in name and not name.startswith("星期"):
                names.append(name)
    if meta.paper:
        names = [n for n in names if n != meta.paper]
    meta.page_name = names[0] if names else ""
    return meta


# --- folders and file names -------------------------------------------------

_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_NAME_PAGE = re.compile(r"第\s*([A-Za-z]?\d{1,3})\s*版|(?:^|[_\-\s.])([A-Za-z]?\d{1,2})$|^([A-Za-z]?\d{1,2})(?:$|[_\-\s])")


def from_path(rel: PurePath) -> PageMeta:
    """Metadata from a seed's path relative to ``seeds/``: folders, then file name.

    >>> from_path(Path("2024-12-05_07.txt")).__dict__ == {"paper": "", "date": "2024-12-05", "page_no": "07", "page_name": ""}
    True
    >>> from_path(Path("000_e92b42195bf00fd7.txt")).page_no, from_path(Path("第 3 版(要闻).txt")).page_no
    ('', '03')
    """
    meta = PageMeta()
    for part in rel.parts[:-1]:
        d = norm_date(part)
        if d:
            meta.date = d
        elif not meta.paper and re.search(r"[^\W\d_]", part):
            meta.paper = clean(part)
    stem = rel.name.rsplit(".", 1)[0]
    m = _NAME_DATE.search(stem)
    if m:
        meta.date = meta.date or norm_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
        stem = (stem[:m.start()] + " " + stem[m.end():]).strip(" _-.")
    p = _NAME_PAGE.search(stem)
    if p:
        meta.page_no = norm_page_no(next(g for g in p.groups() if g))
    return meta


# --- meta.yml ---------------------------------------------------------------

class MetaError(ValueError):
    """A ``meta.yml`` that cannot be read; the message names the file."""


def read_meta_file(path: Path) -> dict:
    """The parsed ``meta.yml`` (a mapping), or ``MetaError`` naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")[:100_000]) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise MetaError(f"{path.name}: not valid YAML, ignored: {str(e)[:200]}") from e
    if not isinstance(data, dict):
        raise MetaError(f"{path.name}: expected a mapping (paper:, date:, files:), ignored")
    return data


def _meta_from_mapping(d: dict) -> PageMeta:
    return PageMeta(paper=clean(d.get("paper")), date=norm_date(d.get("date")),
                    page_no=norm_page_no(d.get("page_no")), page_name=clean(d.get("page_name")))


def from_meta_files(seeds_root: Path, rel: PurePath, warnings: list[str] | None = None) -> PageMeta:
    """Fields from ``meta.yml`` files in the seed's folder and above (nearest wins).

    A ``meta.yml`` holds folder-wide keys and per-file entries::

        paper: 成都日报
        date: 2024-12-05
        files:
          07.txt: {page_no: 7, page_name: 要闻}
    """
    meta = PageMeta()
    folders = [rel.parents[k] for k in range(len(rel.parts))]   # nearest first, ending with "."
    for folder in folders:
        path = seeds_root / folder / META_FILE
        if not path.is_file():
            continue
        try:
            data = read_meta_file(path)
        except MetaError as e:
            if warnings is not None:
                warnings.append(f"{(folder / META_FILE).as_posix()}: {e}")
            continue
        files = data.get("files") if isinstance(data.get("files"), dict) else {}
        key = rel.relative_to(folder).as_posix()
        own = files.get(key) or files.get(rel.name)
        if isinstance(own, dict):
            meta = meta.merged(_meta_from_mapping(own))
        meta = meta.merged(_meta_from_mapping(data))
    return meta


def meta_files_bytes(seeds_root: Path, rel: PurePath) -> bytes:
    """The bytes of every ``meta.yml`` that can apply to ``rel`` (for cache keys)."""
    out = []
    for k in range(len(rel.parts)):
        p = seeds_root / rel.parents[k] / META_FILE
        if p.is_file():
            out.append(p.read_bytes())
    return b"\0".join(out)


def resolve(seeds_root: Path, rel: PurePath, furniture: list[str], header_page_no: str = "",
            warnings: list[str] | None = None) -> PageMeta:
    """All sources merged in order: meta.yml, folders, page header, file name.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()); (root / "报").mkdir()
    >>> _ = (root / "报" / "meta.yml").write_text("files: {a.txt: {page_name: 要闻}}", encoding="utf-8")
    >>> resolve(root, Path("报/a.txt"), ["江城日报2024年3月13日"], "05").__dict__ == {
    ...     "paper": "报", "date": "2024-03-13", "page_no": "05", "page_name": "要闻"}
    True
    """
    folders = from_path(PurePath(*rel.parts[:-1], "x.none")) if len(rel.parts) > 1 else PageMeta()
    folders.page_no = ""
    header = from_header(furniture)
    header.page_no = norm_page_no(header_page_no)
    name = from_path(PurePath(rel.name))
    return from_meta_files(seeds_root, rel, warnings).merged(folders).merged(header).merged(name)


def apply(page, meta: PageMeta) -> None:
    """Copy resolved metadata onto a ``Page``."""
    page.paper, page.date, page.page_no, page.page_name = meta.paper, meta.date, meta.page_no, meta.page_name


WEEKDAYS = "一二三四五六日"


def date_label(date: str) -> str:
    """``2024-12-05`` → ``2024年12月5日星期四``.

    >>> date_label("2024-12-05"), date_label("")
    ('2024年12月5日星期四', '')
    """
    if not date:
        return ""
    d = _dt.date.fromisoformat(date)
    return f"{d.year}年{d.month}月{d.day}日星期{WEEKDAYS[d.weekday()]}"   # no space: none between CJK characters
