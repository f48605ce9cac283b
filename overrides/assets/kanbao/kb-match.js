/* Kanbao text matching, shared by the search box (search.js) and the
 * highlight on article pages (kb-highlight.js).  window.KanbaoMatch.
 *
 * fold("“链主”企业 ＧＤＰ") -> {text: "链主企业gdp", start: [...], end: [...]}:
 * quotes, brackets, dashes, dots and spaces are dropped, Latin letters and
 * digits are width- and case-folded (NFKC + lower case); start[i]/end[i]
 * give where the i-th folded character sits in the original string, so a
 * match in the folded text can be highlighted in the original.  Punctuation
 * that ends a clause (，。、；：！？… —) becomes a separator (U+0001), so
 * 动力需 does not match 动力，需要 across a comma.
 *
 * parse('成都 物流 "中试 平台"') -> keywords [{text:"成都"}, {text:"物流"},
 * {text:"中试平台", phrase:true}]: spaces (half or full width) separate
 * keywords, which must all occur (AND); a quoted part is one keyword.
 */
(function () {
  var SKIP = /[\p{P}\p{Z}\s\p{Cf}]/u;
  var BREAK = /^[，。、；：！？…—,.;:!?]$/u, SEP = "\u0001";
  var LATIN = /^[\p{Script=Latin}\p{N}\p{M}'’\-]+$/u;

  function fold(s) {
    var text = "", start = [], end = [];
    for (var i = 0; i < s.length;) {
      var cp = s.codePointAt(i);
      if (cp >= 0x4e00 && cp <= 0x9fff) {   // fast path: CJK ideographs fold to themselves
        text += s[i]; start.push(i); end.push(i + 1); i++;
        continue;
      }
      var c = String.fromCodePoint(cp), n = c.length, f = c.normalize("NFKC").toLowerCase();
      if ((BREAK.test(f) || BREAK.test(c)) && !(f === "." && /\d/.test(s[i + n] || ""))) {   // a full stop before a digit is a decimal point
        if (text && text[text.length - 1] !== SEP) { text += SEP; start.push(i); end.push(i + n); }
      } else if (!SKIP.test(c)) {
        for (var k = 0; k < f.length; k++) {
          if (SKIP.test(f[k])) continue;
          text += f[k]; start.push(i); end.push(i + n);
        }
      }
      i += n;
    }
    return { text: text, start: start, end: end };
  }

  // pinyin / English key: no tone marks, no case, ASCII letters and digits only
  function latinKey(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  function parse(q) {
    var out = [], re = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]?|[^\s\u3000"“”「」『』]+/g, m;
    while ((m = re.exec(q))) {
      var raw = m[1] !== undefined ? m[1] : m[0];
      var phrase = m[1] !== undefined;
      var t = fold(raw).text.replace(/^\u0001+|\u0001+$/g, "");
      if (t) out.push({ raw: raw.trim(), text: t, phrase: phrase, latin: LATIN.test(raw.replace(/\s+/g, "")) });
    }
    return out;
  }

  // every [start, end) in `orig` where one of `alts` (folded strings) occurs
  function find(folded, alts, limit) {
    var ranges = [];
    alts.forEach(function (a) {
      if (!a) return;
      for (var i = folded.text.indexOf(a); i >= 0 && ranges.length < (limit || 1e9); i = folded.text.indexOf(a, i + a.length)) {
        ranges.push([folded.start[i], folded.end[i + a.length - 1]]);
      }
    });
    return ranges.sort(function (x, y) { return x[0] - y[0]; });
  }

  // true when every keyword (a list of alternatives each) occurs in the folded text
  function hasAll(foldedText, keywords) {
    return keywords.every(function (alts) {
      return alts.some(function (a) { return a && foldedText.indexOf(a) >= 0; });
    });
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  // an excerpt of `text` (about `width` characters) around the place where the
  // most distinct keywords are, every keyword occurrence in it marked; HTML.
  function excerpt(text, keywords, width) {
    width = width || 90;
    var f = fold(text), all = [];
    keywords.forEach(function (alts, k) {
      find(f, alts, 60).forEach(function (r) { all.push({ s: r[0], e: r[1], k: k }); });
    });
    if (!all.length) return esc(text.slice(0, width)) + (text.length > width ? "…" : "");
    all.sort(function (a, b) { return a.s - b.s; });
    var best = null, bestScore = -1;
    all.forEach(function (h) {
      var s = Math.max(0, h.s - 20), e = s + width, seen = {};
      all.forEach(function (o) { if (o.s >= s && o.e <= e) seen[o.k] = 1; });
      var score = Object.keys(seen).length;
      if (score > bestScore) { best = s; bestScore = score; }
    });
    var s = best, e = Math.min(text.length, s + width), html = s ? "…" : "", pos = s;
    all.forEach(function (h) {
      if (h.s < pos || h.e > e) return;
      html += esc(text.slice(pos, h.s)) + "<mark>" + esc(text.slice(h.s, h.e)) + "</mark>";
      pos = h.e;
    });
    return html + esc(text.slice(pos, e)) + (e < text.length ? "…" : "");
  }

  window.KanbaoMatch = { fold: fold, latinKey: latinKey, parse: parse, find: find, hasAll: hasAll,
    excerpt: excerpt, esc: esc, LATIN: LATIN, SEP: SEP };
})();
