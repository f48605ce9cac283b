/* Kanbao search box in the Material header, on Pagefind's JS API.
 *
 * A query is keywords separated by spaces (half or full width), all of which
 * must occur (AND); a quoted part is one keyword (an exact phrase).  Matching
 * ignores punctuation, quotes, case and width (kb-match.js), so 链主企业 finds
 * “链主”企业 and ＧＤＰ finds GDP.  Traditional characters are converted to
 * simplified first (OpenCC t2cn, fetched with the engine); a keyword in
 * pinyin or in the English gloss of a glossary term (zhongshi, "chain leader")
 * stands for the term, and the glossary entry is offered first.
 *
 * Finding the articles: Pagefind's phrase search ("…" per keyword, a few ms)
 * gives the pages that hold each keyword as Pagefind segments it (the index
 * chunks of the words typed are fetched while the input debounce runs).  When
 * only a few pages hold them all (a rare word), they are checked and listed
 * at once, and Pagefind's ranked search (slow for words of common
 * characters, since every page holds their characters) then puts them in its
 * order and adds any page among its best RANKED that the phrase search
 * missed.  Otherwise the ranked search leads: its best RANKED pages are
 * checked (every keyword must occur), then the phrase-search pages in ranked
 * order as the reader asks for more (and, if the phrase search finds nothing
 * for some keyword, up to MAX_UNSURE more of the ranked pages).  Only checked
 * pages are ever listed; the count is the checked hits plus the
 * phrase-search pages not yet checked.
 *
 * A result links to the article with ?kbq=<keywords>; kb-highlight.js marks
 * them there.  Keys: "/" or "s" focuses the box, arrows move through the
 * results, Enter opens one, Escape leaves.
 */
(function () {
  var box = document.getElementById("kb-search");
  var M = window.KanbaoMatch;
  if (!box || !M) return;
  var bundle = new URL(box.dataset.bundle, document.baseURI).href;
  var assets = new URL(box.dataset.assets, document.baseURI).href;
  var siteRoot = new URL(box.dataset.base, document.baseURI).href;
  var base = new URL(box.dataset.base, document.baseURI).pathname;
  var RANKED = 12, SHOWN = 8, MAX_UNSURE = 36, DEBOUNCE_MS = 50;
  // data-ranked on the box overrides RANKED (the tests use it to reach the phrase fallback on a small site)
  function ranked() { return +box.dataset.ranked || RANKED; }

  box.innerHTML =
    '<div class="pagefind-ui"><form class="pagefind-ui__form" role="search" aria-label="站内搜索" action="javascript:void(0);">' +
    '<input class="pagefind-ui__search-input" type="text" placeholder="搜索文章" aria-label="搜索文章（空格分隔多个关键词）" ' +
    'autocapitalize="none" autocomplete="off" enterkeyhint="search">' +
    '<button type="button" class="pagefind-ui__search-clear pagefind-ui__suppressed">清除</button>' +
    '<div class="pagefind-ui__drawer pagefind-ui__hidden"><div class="pagefind-ui__results-area">' +
    '<div class="kb-search__filters" hidden></div>' +
    '<p class="pagefind-ui__message" role="status"></p><div class="kb-search__terms"></div>' +
    '<ol class="pagefind-ui__results"></ol>' +
    '<button type="button" class="kb-search__more" hidden>更多结果</button></div></div>' +
    "</form></div>";
  var input = box.querySelector("input"), clear = box.querySelector(".pagefind-ui__search-clear");
  var drawer = box.querySelector(".pagefind-ui__drawer"), filtersEl = box.querySelector(".kb-search__filters");
  var message = box.querySelector(".pagefind-ui__message"), list = box.querySelector("ol");
  var termsEl = box.querySelector(".kb-search__terms"), moreBtn = box.querySelector(".kb-search__more");

  // ---------------------------------------------------------------- loading
  var engine = null;
  function soft(p) { return p.catch(function () { return null; }); }
  function bundlesOf(idx) {   // the extra bundles of the index at idx (none for an index of one run)
    return fetch(idx + "kb-bundles.json").then(function (r) { return r.ok ? r.json() : []; })
      .then(function (bs) { return Array.isArray(bs) ? bs.filter(function (b) { return typeof b === "string"; }) : []; })
      .catch(function () { return []; });
  }
  function load() {
    if (!engine) {
      // a big archive's index is in bundles (hooks/search.py): pagefind/ and the
      // folders listed in its kb-bundles.json, fetched while the engine loads
      var own = bundlesOf(bundle);
      var pf = import(bundle + "pagefind.js").then(function (pf) {
        // a sharded archive (README, "Sharded builds"): the other years' indexes join this one
        var shards = (box.dataset.shards || "").split(/\s+/).filter(Boolean);
        return pf.options({ baseUrl: base }).then(function () {
          return Promise.all([own.then(function (bs) {
            return Promise.all(bs.map(function (b) { return pf.mergeIndex(new URL(b, bundle).href, { baseUrl: base }); }));
          })].concat(shards.map(function (s) {
            var root = new URL(s, document.baseURI), idx = new URL("pagefind/", root).href;
            if (idx === bundle) return null;   // this site itself
            return pf.mergeIndex(idx, { baseUrl: root.pathname }).then(function () {
              return bundlesOf(idx);
            }).then(function (bs) {
              return Promise.all(bs.map(function (b) { return pf.mergeIndex(new URL(b, idx).href, { baseUrl: root.pathname }); }));
            });
          })));
        }).then(function () { return pf; });
      });
      var t2cn = soft(import(assets + "vendor/opencc-t2cn.js").then(function (m) {
        return m.Converter({ from: "tw", to: "cn" });
      }));
      var gloss = soft(fetch(assets + "glossary-search.json").then(function (r) { return r.json(); }).then(indexGlossary));
      engine = Promise.all([pf, t2cn, gloss]).then(function (xs) {
        setupFilters(xs[0]);
        return { pf: xs[0], t2cn: xs[1], gloss: xs[2] };
      });
    }
    return engine;
  }
  function indexGlossary(recs) {
    var byKey = {}, byForm = {};
    recs.forEach(function (r) {
      r.keys.forEach(function (k) { if (!byKey[k]) byKey[k] = r; });
      [r.term].concat(r.aliases).forEach(function (f) { byForm[M.fold(f).text] = r; });
    });
    return { byKey: byKey, byForm: byForm };
  }

  // ---------------------------------------------------------------- query plan
  // keywords -> [{alts: [folded strings], pf: text for Pagefind, entry: glossary record or null}]
  function plan(q, eng) {
    var kws = M.parse(q), out = [];
    for (var i = 0; i < kws.length;) {
      var hit = null;
      if (eng.gloss && kws[i].latin) {   // longest run of Latin keywords that is a glossary key
        for (var j = kws.length; j > i && !hit; j--) {
          var run = kws.slice(i, j);
          if (!run.every(function (k) { return k.latin; })) continue;
          var rec = eng.gloss.byKey[M.latinKey(run.map(function (k) { return k.raw; }).join(""))];
          if (rec) hit = { rec: rec, next: j };
        }
      }
      if (hit) {   // the term, its aliases, and the words as typed (an English text may say them)
        var typed = M.fold(kws.slice(i, hit.next).map(function (k) { return k.raw; }).join(" ")).text;
        out.push({ alts: [hit.rec.term].concat(hit.rec.aliases).map(function (a) { return M.fold(a).text; }).concat([typed]),
                   pf: hit.rec.term, entry: hit.rec });
        i = hit.next;
        continue;
      }
      var k = kws[i++], alts = [k.text];
      var pfq = k.latin ? k.raw.normalize("NFKC").toLowerCase() : k.text.split(M.SEP).join(" ");
      if (eng.t2cn && !k.latin) {
        var s = M.fold(eng.t2cn(k.raw)).text;
        if (s && s !== k.text) { alts.unshift(s); pfq = s.split(M.SEP).join(" "); }
      }
      out.push({ alts: alts, pf: pfq, entry: (eng.gloss && eng.gloss.byForm[alts[0]]) || null });
    }
    return out;
  }

  // ---------------------------------------------------------------- one search
  function Session(pf, kws, filters) {
    this.pf = pf; this.kws = kws; this.alts = kws.map(function (k) { return k.alts; });
    this.opts = { filters: filters };
    this.cands = []; this.pos = 0; this.hits = []; this.unsure = 0; this.total = null;
    this.later = null; this.reordered = false;
  }
  Session.prototype.start = function () {
    var self = this;
    this.q = this.kws.map(function (k) { return k.pf; }).join(" ");
    // Pagefind's phrase search first: cheap (a few ms), and exact for words it
    // segments alike.  The ranked search comes after it: run alongside, it held
    // up the phrase search of rare words of common characters (100 -> 200 ms)
    return Promise.all(this.kws.map(function (k) { return self.searchBoth('"' + k.pf + '"'); })).then(function (sets) {
      self.sets = sets;
      self.inAll = null;
      sets.forEach(function (rs) {
        var s = {};
        rs.forEach(function (r) { if (!self.inAll || self.inAll[r.id]) s[r.id] = r; });
        self.inAll = s;
      });
      var ids = Object.keys(self.inAll);
      if (ids.length && ids.length <= SHOWN && sets.every(function (rs) { return rs.length; })) return self.startFew(ids);
      return self.startRanked();
    });
  };
  // A few pages hold every keyword (a rare word): list them at once, and let
  // the ranked search (slow for words of common characters: every page holds
  // their characters) put them in Pagefind's order and add any page it ranks
  // in its best RANKED that the phrase search missed.
  Session.prototype.startFew = function (ids) {
    var self = this;
    this.cands = ids.map(function (id) { return { r: self.inAll[id], sure: true }; });
    return this.fill(ranked(), this.cands.length).then(function () {
      self.total = self.hits.length;
      self.later = self.searchBoth(self.q).then(function (results) {
        self.ranked = results;
        var seen = {};
        self.cands.forEach(function (c) { seen[c.r.id] = 1; });
        results.slice(0, ranked()).forEach(function (r) { if (!seen[r.id]) self.cands.push({ r: r, sure: true }); });
        return self.fill(Infinity, self.cands.length);
      }).then(function () {
        var rank = {}, rk = function (d) { return d.kbId in rank ? rank[d.kbId] : 1e9; };
        self.ranked.forEach(function (r, i) { rank[r.id] = i; });
        var before = self.hits.map(function (d) { return d.url; }).join(" ");
        self.hits.sort(function (a, b) { return rk(a) - rk(b); });
        self.reordered = before !== self.hits.map(function (d) { return d.url; }).join(" ");
        self.total = self.hits.length;
      });
    });
  };
  // Many pages (or a keyword the phrase search cannot find): Pagefind's ranked
  // search, its best RANKED pages checked, then the phrase-search pages
  // (the first screen is shown as soon as SHOWN of them hold every keyword; the
  // rest of the best-ranked pages are checked after, for the count)
  Session.prototype.startRanked = function () {
    var self = this;
    return this.searchBoth(this.q).then(function (results) {
      self.ranked = results;
      self.rank = {};
      self.ranked.forEach(function (r, i) { self.rank[r.id] = i; });
      self.cands = self.ranked.slice(0, ranked()).map(function (r) { return { r: r, sure: true }; });
      return self.fill(SHOWN, self.cands.length);
    }).then(function () {
      self.later = self.fill(ranked(), self.cands.length).then(function () { self.countRanked(); });
    });
  };
  Session.prototype.countRanked = function () {
    var self = this, topHits = self.hits.length;
    if (self.ranked.length <= ranked()) { self.total = topHits; return; }
    var seen = {};
    self.cands.forEach(function (c) { seen[c.r.id] = 1; });
    var extra = Object.keys(self.inAll).filter(function (id) { return !seen[id]; }).map(function (id) { return self.inAll[id]; });
    var rk = function (r) { return r.id in self.rank ? self.rank[r.id] : 1e9; };
    extra.sort(function (a, b) { return rk(a) - rk(b); });
    extra.forEach(function (r) { seen[r.id] = 1; self.cands.push({ r: r, sure: true }); });
    // a keyword that the phrase search cannot find at all (Pagefind segmented it
    // differently in the pages, or punctuation splits it): check more of the ranked pages
    if (self.sets.some(function (rs) { return !rs.length; })) {
      self.ranked.forEach(function (r) { if (!seen[r.id]) self.cands.push({ r: r, sure: false }); });
    }
    self.total = topHits + extra.length;
  };
  // Pagefind keeps full-width letters and digits as they are (ＧＤＰ is not gdp):
  // a query with ASCII letters or digits is also run in full width, the
  // results merged by score
  Session.prototype.searchBoth = function (q) {
    var self = this, fw = fullWidth(q), qs = fw === q ? [q] : [q, fw];
    return Promise.all(qs.map(function (x) { return self.pf.search(x, self.opts); })).then(function (rs) {
      if (rs.length === 1) return rs[0].results;
      var byId = {};
      rs.forEach(function (r) { r.results.forEach(function (x) { if (!byId[x.id] || byId[x.id].score < x.score) byId[x.id] = x; }); });
      return Object.keys(byId).map(function (id) { return byId[id]; }).sort(function (a, b) { return b.score - a.score; });
    });
  };
  function fullWidth(s) {
    return s.replace(/[A-Za-z0-9]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0xFEE0); });
  }
  // check candidates in order until `want` hits (or no more worth checking, or
  // position `upto`); one check at a time, so the hits stay in candidate order
  Session.prototype.fill = function (want, upto) {
    var self = this;
    this.queue = (this.queue || Promise.resolve()).then(function () { return self.fillNow(want, upto); });
    return this.queue;
  };
  Session.prototype.fillNow = function (want, upto) {
    var self = this;
    var more = function () { return self.more() && (upto === undefined || self.pos < upto); };
    if (this.hits.length >= want || !more()) return Promise.resolve();
    var batch = [];
    var size = Math.min(ranked(), Math.max(want - this.hits.length, SHOWN));
    while (batch.length < size && more()) {
      var c = this.cands[this.pos++];
      if (!c.sure) this.unsure++;
      batch.push(c.r);
    }
    return Promise.all(batch.map(function (r) {
      return r.data().then(function (d) { d.kbId = r.id; return d; });
    })).then(function (ds) {
      ds.forEach(function (d) {
        var text = ((d.meta && d.meta.title) || "") + "\n" + (d.content || "");
        if (M.hasAll(M.fold(text).text, self.alts)) self.hits.push(d);
      });
      return self.fillNow(want, upto);
    });
  };
  Session.prototype.more = function () {
    var c = this.cands[this.pos];
    return !!c && (c.sure || this.unsure < MAX_UNSURE);
  };

  // ---------------------------------------------------------------- rendering
  var esc = M.esc;
  function linkFor(d, kws) {
    var u = new URL(d.url, document.baseURI);
    u.searchParams.set("kbq", kws.map(function (k) { return k.alts.join("|"); }).join(" "));
    return u.pathname + u.search;
  }
  function marked(text, alts) {
    var f = M.fold(text), rs = [], html = "", pos = 0;
    alts.forEach(function (a) { rs = rs.concat(M.find(f, a)); });
    rs.sort(function (x, y) { return x[0] - y[0]; }).forEach(function (r) {
      if (r[0] < pos) return;
      html += esc(text.slice(pos, r[0])) + "<mark>" + esc(text.slice(r[0], r[1])) + "</mark>";
      pos = r[1];
    });
    return html + esc(text.slice(pos));
  }
  function resultHTML(d, s) {
    var meta = [d.meta && d.meta.page, d.meta && d.meta.date].filter(Boolean).map(esc).join(" · ");
    return '<li class="pagefind-ui__result"><div class="pagefind-ui__result-inner">' +
      '<p class="pagefind-ui__result-title"><a class="pagefind-ui__result-link" href="' + esc(linkFor(d, s.kws)) + '">' +
      marked((d.meta && d.meta.title) || d.url, s.alts) + "</a></p>" +
      (meta ? '<p class="kb-search__meta">' + meta + "</p>" : "") +
      '<p class="pagefind-ui__result-excerpt">' + M.excerpt(d.content || "", s.alts, 90) + "</p></div></li>";
  }
  function termHTML(rec) {
    var gloss = [rec.pinyin, rec.english].filter(Boolean).map(esc).join(" · ");
    return '<div class="kb-search__term"><a class="kb-search__term-link" href="' + esc(new URL(rec.url, siteRoot).href) + '">' +
      "术语：" + esc(rec.term) + "</a>" + (gloss ? ' <span class="kb-search__gloss">' + gloss + "</span>" : "") +
      '<p class="kb-search__def">' + esc(rec.definition) + "</p></div>";
  }

  var seq = 0, timer = null, current = null, shown = 0;
  function show(open) { drawer.classList.toggle("pagefind-ui__hidden", !open); }
  function countText(q, s) {
    if (!s.hits.length) return "没有找到 " + q + " 的结果";
    var n = s.total === null ? s.hits.length + "+" : Math.max(s.total, s.hits.length);
    return "“" + q + "”：找到 " + n + " 篇文章";
  }
  function render(q, s, upto) {
    list.insertAdjacentHTML("beforeend", s.hits.slice(shown, upto).map(function (d) { return resultHTML(d, s); }).join(""));
    shown = Math.max(shown, Math.min(upto, s.hits.length));
    message.textContent = countText(q, s);
    moreBtn.hidden = !(shown < s.hits.length || s.more());
  }
  function run() {
    var q = input.value.trim(), mine = ++seq;
    clear.classList.toggle("pagefind-ui__suppressed", !q);
    list.innerHTML = ""; termsEl.innerHTML = ""; moreBtn.hidden = true; shown = 0; current = null;
    box.dataset.kbState = "searching";   // "done" once the list and the count are final (for tests)
    if (!q) { message.textContent = ""; show(false); box.dataset.kbState = "done"; return; }
    show(true);
    message.textContent = "正在搜索 " + q + "…";
    load().then(function (eng) {
      if (mine !== seq) return;
      var kws = plan(q, eng);
      if (!kws.length) { message.textContent = "没有找到 " + q + " 的结果"; box.dataset.kbState = "done"; return; }
      var entries = [];
      kws.forEach(function (k) { if (k.entry && entries.indexOf(k.entry) < 0) entries.push(k.entry); });
      termsEl.innerHTML = entries.map(termHTML).join("");
      var s = new Session(eng.pf, kws, currentFilters());
      return s.start().then(function () {
        if (mine !== seq) return;
        current = s;
        // the phrase-search pages, when the best-ranked held too few
        return (s.hits.length >= SHOWN ? Promise.resolve() : s.fill(SHOWN)).then(function () {
          if (mine !== seq) return;
          render(q, s, SHOWN);
          return s.later;
        });
      }).then(function () {
        if (mine !== seq) return;
        if (s.reordered) { list.innerHTML = ""; shown = 0; }   // Pagefind's order, once its ranking is in
        render(q, s, Math.max(shown, SHOWN));
        box.dataset.kbState = "done";
      });
    }).catch(function (err) {
      if (mine !== seq) return;
      // Browsers do not load modules from file:// — the site must come from a web server.
      message.textContent = location.protocol === "file:"
        ? "直接打开本地文件时无法搜索：请在站点目录运行 python3 -m http.server 8000，再访问 http://127.0.0.1:8000/"
        : "搜索出错：" + err;
      box.dataset.kbState = "done";
    });
  }
  moreBtn.addEventListener("click", function () {
    var s = current, q = input.value.trim(), mine = seq;
    if (!s) return;
    moreBtn.disabled = true;
    box.dataset.kbState = "searching";
    Promise.resolve(s.later).then(function () { return s.fill(shown + SHOWN); }).then(function () {
      moreBtn.disabled = false;
      if (mine === seq) { render(q, s, shown + SHOWN); box.dataset.kbState = "done"; }
    });
  });

  // ---------------------------------------------------------------- filters
  var filterState = { from: "", to: "", page: "" }, filterValues = { dates: [], pages: [] };
  function setupFilters(pf) {
    pf.filters().then(function (fs) {
      var dates = Object.keys(fs["日期"] || {}).sort(), pages = Object.keys(fs["版面"] || {}).sort();
      filterValues = { dates: dates, pages: pages };
      var html = "";
      if (dates.length > 1) {
        var opts = function (sel) {
          return dates.map(function (d) { return '<option value="' + esc(d) + '"' + (d === sel ? " selected" : "") + ">" + esc(d) + "</option>"; }).join("");
        };
        html += '<label>日期 <select data-f="from">' + opts(dates[0]) + '</select></label>' +
          '<label>至 <select data-f="to">' + opts(dates[dates.length - 1]) + "</select></label>";
        filterState.from = dates[0]; filterState.to = dates[dates.length - 1];
      }
      if (pages.length > 1) {
        html += '<label>版面 <select data-f="page"><option value="">全部</option>' +
          pages.map(function (p) { return '<option value="' + esc(p) + '">' + esc(p) + "</option>"; }).join("") + "</select></label>";
      }
      filtersEl.innerHTML = html;
      filtersEl.hidden = !html;
    }).catch(function () {});
  }
  filtersEl.addEventListener("change", function (e) {
    var f = e.target.getAttribute("data-f");
    if (f) { filterState[f] = e.target.value; run(); }
  });
  function currentFilters() {
    var out = {}, ds = filterValues.dates;
    if (ds.length > 1 && (filterState.from !== ds[0] || filterState.to !== ds[ds.length - 1])) {
      out["日期"] = { any: ds.filter(function (d) { return d >= filterState.from && d <= filterState.to; }).concat(["\u0000"]) };
    }
    if (filterState.page) out["版面"] = filterState.page;
    return out;
  }

  // ---------------------------------------------------------------- keys
  input.addEventListener("input", function () {
    clearTimeout(timer);
    box.dataset.kbState = "typing";   // the list shown is for an older query until run() ends
    timer = setTimeout(run, DEBOUNCE_MS);
    // fetch the index chunks of the words typed so far while the debounce runs
    var q = input.value.trim();
    if (engine && q) engine.then(function (eng) { if (input.value.trim() === q) eng.pf.preload(q.replace(/["“”]/g, " ")); }).catch(function () {});
  });
  input.addEventListener("focus", load);   // fetch the engine while the reader types
  clear.addEventListener("click", function () { input.value = ""; run(); input.focus(); });

  function links() { return Array.prototype.slice.call(drawer.querySelectorAll("a, .kb-search__more:not([hidden])")); }
  box.addEventListener("keydown", function (e) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!ls.length) return;
      e.preventDefault();
      var next = e.key === "ArrowDown" ? Math.min(ls.length - 1, i + 1) : i - 1;
      if (next < 0) input.focus(); else ls[next].focus();
    } else if (e.key === "Enter" && document.activeElement === input && ls.length && ls[0].href) {
      e.preventDefault();
      window.location.href = ls[0].href;
    } else if (e.key === "Escape") {
      document.activeElement.blur();
      box.classList.remove("kb-search--open");
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    if (e.key === "/" || e.key === "s" || e.key === "S") { e.preventDefault(); input.focus(); input.select(); }
  }, true);
  box.addEventListener("focusin", function () { box.classList.add("kb-search--open"); });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) box.classList.remove("kb-search--open");
  });
})();
