/* 简/繁 switch for the article text, in the browser (OpenCC cn → tw, opencc-js).
 *
 * The choice is kept in localStorage ("kanbao-script": "tw" or "cn") and
 * applied on every page; the converted text is in the page itself, so
 * printing keeps it.  The converter (1.1 MB, phrase-aware) is fetched only
 * when traditional characters are chosen.  Switching back restores the
 * original text nodes (nothing is re-converted).
 */
(function () {
  var btn = document.getElementById("kb-zh");
  if (!btn) return;
  var KEY = "kanbao-script";
  var assets = new URL(btn.dataset.assets, document.baseURI).href;
  var originals = null, converter = null;

  function stored() { try { return localStorage.getItem(KEY) || "cn"; } catch (e) { return "cn"; } }
  function store(v) { try { localStorage.setItem(KEY, v); } catch (e) { /* private mode: this page only */ } }

  function roots() {
    return Array.prototype.slice.call(document.querySelectorAll(".md-content, .md-header__topic, .md-sidebar, .md-footer"));
  }
  function textNodes() {
    var out = [];
    roots().forEach(function (root) {
      var w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentElement && n.parentElement.closest("script, style") ? NodeFilter.FILTER_REJECT
            : /[\u3400-\u9fff]/.test(n.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        }
      });
      while (w.nextNode()) out.push(w.currentNode);
    });
    return out;
  }
  function getConverter() {
    if (!converter) {
      converter = import(assets + "vendor/opencc-cn2t.js").then(function (m) { return m.Converter({ from: "cn", to: "tw" }); });
    }
    return converter;
  }
  function label(mode) {
    btn.textContent = mode === "tw" ? "简" : "繁";
    btn.setAttribute("aria-label", mode === "tw" ? "显示简体字" : "顯示繁體字");
    btn.setAttribute("aria-pressed", mode === "tw" ? "true" : "false");
  }
  function toTraditional() {
    return getConverter().then(function (conv) {
      var t0 = performance.now();
      if (!originals) originals = new Map();
      textNodes().forEach(function (n) {
        if (!originals.has(n)) originals.set(n, n.data);
        n.data = conv(originals.get(n));
      });
      document.documentElement.lang = "zh-Hant";
      document.documentElement.dataset.kbScript = "tw";
      window.__kbZhMs = performance.now() - t0;
    });
  }
  function toSimplified() {
    if (originals) originals.forEach(function (v, n) { n.data = v; });
    document.documentElement.lang = "zh";
    delete document.documentElement.dataset.kbScript;
  }
  btn.addEventListener("click", function () {
    var next = stored() === "tw" ? "cn" : "tw";
    store(next);
    label(next);
    if (next === "tw") toTraditional(); else toSimplified();
  });
  var mode = stored();
  label(mode);
  if (mode === "tw") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", toTraditional);
    else toTraditional();
  }
})();
