/* Kanbao search box in the Material header, on Pagefind's JS API.
 *
 * Pagefind ranks the pages for the query as typed (its own Chinese
 * segmentation); of the best-ranked pages we list only those whose text
 * really contains the query, with an excerpt around it.  (A phrase search
 * would be exact but comes back unranked, and misses words that Pagefind
 * segmented differently in the page; the plain search alone also lists pages
 * that only share single characters with the query.)
 * Keys: "/" or "s" focuses the box, arrows move through the results, Enter
 * opens one, Escape leaves.  The markup reuses Pagefind UI's class names, so
 * its stylesheet and ours (search.css) apply.
 */
(function () {
  var box = document.getElementById("kb-search");
  if (!box) return;
  var bundle = new URL(box.dataset.bundle, document.baseURI).href;
  var base = new URL(box.dataset.base, document.baseURI).pathname;
  var RANKED = 12, SHOWN = 8, DEBOUNCE_MS = 80;

  box.innerHTML =
    '<div class="pagefind-ui"><form class="pagefind-ui__form" role="search" aria-label="站内搜索" action="javascript:void(0);">' +
    '<input class="pagefind-ui__search-input" type="text" placeholder="搜索文章" aria-label="搜索文章" ' +
    'autocapitalize="none" autocomplete="off" enterkeyhint="search">' +
    '<button type="button" class="pagefind-ui__search-clear pagefind-ui__suppressed">清除</button>' +
    '<div class="pagefind-ui__drawer pagefind-ui__hidden"><div class="pagefind-ui__results-area">' +
    '<p class="pagefind-ui__message" role="status"></p><ol class="pagefind-ui__results"></ol></div></div>' +
    "</form></div>";
  var input = box.querySelector("input"), clear = box.querySelector("button");
  var drawer = box.querySelector(".pagefind-ui__drawer");
  var message = box.querySelector(".pagefind-ui__message"), list = box.querySelector("ol");

  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (pf) {
        // a sharded archive (README, "Sharded builds"): the other years' indexes join this one
        var shards = (box.dataset.shards || "").split(/\s+/).filter(Boolean);
        return pf.options({ baseUrl: base }).then(function () {
          return Promise.all(shards.map(function (s) {
            var root = new URL(s, document.baseURI);
            return pf.mergeIndex(new URL("pagefind/", root).href, { baseUrl: root.pathname });
          }));
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  // the query as a pattern that allows whitespace between its characters
  function pattern(q) {
    var chars = Array.from(q.replace(/\s+/g, ""));
    return new RegExp(chars.map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("\\s*"), "i");
  }
  function excerpt(text, m) {
    var start = Math.max(0, m.index - 24), end = Math.min(text.length, m.index + m[0].length + 40);
    return (start ? "…" : "") + esc(text.slice(start, m.index)) + "<mark>" + esc(m[0]) + "</mark>" +
      esc(text.slice(m.index + m[0].length, end)) + (end < text.length ? "…" : "");
  }

  var seq = 0, timer = null;
  function show(open) { drawer.classList.toggle("pagefind-ui__hidden", !open); }
  function run() {
    var q = input.value.trim(), mine = ++seq;
    clear.classList.toggle("pagefind-ui__suppressed", !q);
    if (!q) { list.innerHTML = ""; message.textContent = ""; show(false); return; }
    show(true);
    message.textContent = "正在搜索 " + q + "…";
    load().then(function (pf) { return pf.search(q); }).then(function (res) {
      if (mine !== seq) return null;
      return Promise.all(res.results.slice(0, RANKED).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (!pages || mine !== seq) return;
      var re = pattern(q), hits = [];
      pages.forEach(function (d) {
        var m = re.exec(d.content || "");
        if (m && hits.length < SHOWN) hits.push({ d: d, m: m });
      });
      list.innerHTML = hits.map(function (h) {
        return '<li class="pagefind-ui__result"><div class="pagefind-ui__result-inner">' +
          '<p class="pagefind-ui__result-title"><a class="pagefind-ui__result-link" href="' + esc(h.d.url) + '">' +
          esc((h.d.meta && h.d.meta.title) || h.d.url) + "</a></p>" +
          (h.d.meta && h.d.meta.issue ? '<p class="kb-result-issue">' + esc(h.d.meta.issue) + "</p>" : "") +
          '<p class="pagefind-ui__result-excerpt">' + excerpt(h.d.content, h.m) + "</p></div></li>";
      }).join("");
      message.textContent = hits.length ? "找到 " + hits.length + " 个 " + q + " 的结果" : "没有找到 " + q + " 的结果";
    }).catch(function (err) {
      if (mine !== seq) return;
      // Browsers do not load modules from file:// — the site must come from a web server.
      message.textContent = location.protocol === "file:"
        ? "直接打开本地文件时无法搜索：请在站点目录运行 python3 -m http.server 8000，再访问 http://127.0.0.1:8000/"
        : "搜索出错：" + err;
    });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
  input.addEventListener("focus", load);   // fetch the engine while the reader types
  clear.addEventListener("click", function () { input.value = ""; run(); input.focus(); });

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  box.addEventListener("keydown", function (e) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!ls.length) return;
      e.preventDefault();
      var next = e.key === "ArrowDown" ? Math.min(ls.length - 1, i + 1) : i - 1;
      if (next < 0) input.focus(); else ls[next].focus();
    } else if (e.key === "Enter" && document.activeElement === input && ls.length) {
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
