"""Decoding: encodings, newlines, empty and binary seeds, odd file names."""
from __future__ import annotations

import codecs
import os

import pytest

from kanbao.convert import EmptySeed, convert_file, seed_slug
from kanbao.decode import DecodeError, decode_bytes
from kanbao.site import build_site

TEXT = "成都加快建设现代物流体系\n物流是实体经济的“筋络”，连接生产和消费。"

ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16-le with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("gbk", TEXT.encode("gbk")),
    ("gb18030", TEXT.encode("gb18030")),
    ("crlf", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("cr", TEXT.replace("\n", "\r").encode("utf-8")),
]


@pytest.mark.parametrize("label,data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_decodes(label, data):
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("data", [b"\x00\x01\x02PK\x03\x04" * 50, bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_refused_with_the_name(data):
    with pytest.raises(DecodeError, match="bad.txt"):
        decode_bytes(data, "bad.txt")


def test_empty_seed(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(EmptySeed, match="empty.txt"):
        convert_file(p)


def test_bad_seeds_are_skipped_and_the_rest_builds(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe\x00" * 100)
    site = build_site(tmp_path)
    assert [p.seed for p in site.pages] == ["good.txt"]
    assert any(w.startswith("empty.txt") for w in site.warnings)
    assert any("binary.txt" in w for w in site.warnings)


@pytest.mark.parametrize("name,slug", [
    ("第 07 版 (要闻).txt", "第-07-版-要闻"),
    ("page 3 (A).txt", "page-3-a"),
    ("000_e92b42195bf00fd7.txt", "000_e92b42195bf00fd7"),
    ("成都日报（2024）.txt", "成都日报-2024"),
])
def test_slugs_are_stable_and_url_safe(name, slug):
    assert seed_slug(name) == slug == seed_slug(name)


# --- plausibility, control characters, what is refused (issue 9) ------------------------------

from kanbao.decode import clean_controls, decode_seed  # noqa: E402
from kanbao.discover import discover, read_limited  # noqa: E402

TRAD = "臺北市政府今日宣佈，將擴大推動數位轉型與產業升級計畫，協助中小企業導入人工智慧與雲端服務。"
JA = "日本語のテキストです。東京都は晴れです。今日は会議があります。経済産業省の発表によると、輸出は増加しました。"
KO = "한국어 텍스트입니다. 서울은 맑습니다. 오늘 회의가 있습니다. 경제 성장률이 발표되었습니다."


def test_big5_traditional_page_is_read_as_big5():
    d = decode_seed(TRAD.encode("big5"), "trad.txt")
    assert (d.text, d.encoding) == (TRAD, "big5")


@pytest.mark.parametrize("text,enc,lang", [(JA, "shift_jis", "Japanese"), (JA, "euc_jp", "Japanese"),
                                           (KO, "euc_kr", "Korean")])
def test_other_languages_are_refused_not_published_as_mojibake(text, enc, lang):
    with pytest.raises(DecodeError, match=rf"ja.txt: .*{lang}"):
        decode_seed(text.encode(enc), "ja.txt")


def test_utf8_read_as_gbk_bytes_is_refused():
    """UTF-8 text cut mid-character is not valid UTF-8; as GB18030 it is rare-character soup."""
    data = (TEXT * 3).encode("utf-8")[1:]
    with pytest.raises(DecodeError, match="cut.txt"):
        decode_seed(data, "cut.txt")


@pytest.mark.parametrize("ch", ["\x7f", "\x80", "\x9b", "\x9f", "\x1b", "\x08", "\u202e", "\ufeff"])
def test_control_characters_are_removed(ch):
    d = decode_seed(f"标题{ch}<b>x</b>\n正文".encode("utf-8"), "c.txt")
    assert d.text == "标题<b>x</b>\n正文" and d.notes


@pytest.mark.parametrize("sep", ["\f", "\v", "\x85", "\u2028", "\u2029", "\r", "\r\n"])
def test_line_separators_become_newlines(sep):
    assert clean_controls(f"一{sep}二")[0] == "一\n二"


@pytest.mark.parametrize("blank", ["\u3000\u3000\n", "\f\f\f", " \u3000\n\f\n\t", "\ufeff\u3000"])
def test_whitespace_only_seed_is_empty(tmp_path, blank):
    p = tmp_path / "blank.txt"
    p.write_bytes(blank.encode("utf-8"))
    with pytest.raises(EmptySeed, match="blank.txt"):
        convert_file(p)


def test_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    found = discover(tmp_path)
    assert found.seeds == [] and "pipe.txt: is a FIFO" in found.warnings[0]
    with pytest.raises(DecodeError, match="not a regular file"):
        read_limited(tmp_path / "pipe.txt")      # O_NONBLOCK: returns at once


def test_links_out_of_the_seeds_folder_are_refused(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir(), out.mkdir()
    (out / "secret.txt").write_text("秘密", encoding="utf-8")
    (seeds / "in.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "secret.txt").symlink_to(out / "secret.txt")
    (seeds / "alias.txt").symlink_to("in.txt")             # inside: allowed
    (seeds / "dir").symlink_to(out, target_is_directory=True)
    (seeds / "broken.txt").symlink_to(seeds / "nowhere.txt")
    found = discover(seeds)
    assert sorted(s.rel for s in found.seeds) == ["alias.txt", "in.txt"]
    named = " ".join(found.warnings)
    for name in ("passwd.txt", "secret.txt", "dir", "broken.txt"):
        assert name in named


def test_size_limits(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 1001)
    with pytest.raises(DecodeError, match="big.txt: .*limit"):
        read_limited(p, max_bytes=1000)


def test_oversized_seed_is_built_with_a_warning(tmp_path):
    from kanbao.discover import WARN_BYTES
    (tmp_path / "huge.txt").write_text("07\n" + TEXT * (WARN_BYTES // len(TEXT.encode()) + 1), encoding="utf-8")
    site = build_site(tmp_path)
    assert [p.seed for p in site.pages] == ["huge.txt"]
    assert any(w.startswith("huge.txt:") and "KB" in w for w in site.warnings)


def test_missing_seeds_folder_is_reported(tmp_path):
    site = build_site(tmp_path / "nope")
    assert site.pages == [] and "not found" in site.warnings[0]


def test_upper_case_suffix_and_subfolders_are_found(tmp_path):
    (tmp_path / "p" / "b").mkdir(parents=True)
    (tmp_path / "A.TXT").write_text(TEXT, encoding="utf-8")
    (tmp_path / "p" / "b" / "07.txt").write_text(TEXT, encoding="utf-8")
    assert [(s.rel, s.slug) for s in discover(tmp_path).seeds] == [("A.TXT", "a"), ("p/b/07.txt", "p/b/07")]


SAMPLE = os.path.join(os.path.dirname(__file__), "..", "seeds", "000_e92b42195bf00fd7.txt")
# The same page as another extractor or editor may save it: each must give the same articles.
PAGE_VARIANTS = [
    ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    ("cr", lambda t: t.replace("\n", "\r").encode("utf-8")),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf-16 with BOM", lambda t: t.encode("utf-16")),
    ("gb18030", lambda t: t.encode("gb18030")),
    ("form feed after the page (pdftotext)", lambda t: (t.rstrip("\n") + "\n\f").encode("utf-8")),
    ("no newline at the end", lambda t: t.rstrip("\n").encode("utf-8")),
    ("trailing spaces", lambda t: "\n".join(ln + "  " if ln.strip() else ln for ln in t.split("\n")).encode("utf-8")),
    ("blank lines holding spaces", lambda t: "\n".join(ln if ln.strip() else " \u3000 " for ln in t.split("\n")).encode("utf-8")),
]


def _articles(page):
    return [[(b.kind, b.text) for b in a.blocks()] for a in page.articles]


@pytest.fixture(scope="module")
def sample_page():
    """The sample seed's text and its articles as saved, converted once for all variants."""
    with open(SAMPLE, encoding="utf-8") as f:
        text = f.read()
    return text, _articles(convert_file(SAMPLE))


@pytest.mark.parametrize("label,make", PAGE_VARIANTS, ids=[v[0] for v in PAGE_VARIANTS])
def test_a_whole_page_reads_the_same_however_it_was_saved(tmp_path, sample_page, label, make):
    text, want = sample_page
    p = tmp_path / "000_e92b42195bf00fd7.txt"
    p.write_bytes(make(text))
    got = _articles(convert_file(p))
    assert sum(len(a) for a in want) > 20
    assert got == want
