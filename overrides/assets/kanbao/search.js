/* Pagefind UI in the Material header: Chinese UI, "/" or "s" focuses it. */
(function () {
  var box = document.getElementById("kb-search");
  if (!box || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#kb-search",
    bundlePath: new URL(box.dataset.bundle, document.baseURI).href,
    baseUrl: new URL(box.dataset.base, document.baseURI).pathname,
    showImages: false,
    showSubResults: false,
    excerptLength: 40,
    resetStyles: false,
    autofocus: false,
    // results within ~150 ms of the last keystroke (Pagefind UI waits 300 ms by default)
    debounceTimeoutMs: 80,
    // Pagefind matches a Chinese query character by character (OR-ish, noisy);
    // a run of 2+ Han characters is searched as an exact phrase instead.
    processTerm: function (term) {
      var t = term.trim();
      return /^[\u3400-\u9fff\uf900-\ufaff]{2,}$/.test(t) ? '"' + t + '"' : term;
    },
    translations: {
      placeholder: "搜索文章",
      clear_search: "清除",
      load_more: "加载更多结果",
      search_label: "站内搜索",
      zero_results: "没有找到 [SEARCH_TERM] 的结果",
      many_results: "找到 [COUNT] 个 [SEARCH_TERM] 的结果",
      one_result: "找到 [COUNT] 个 [SEARCH_TERM] 的结果",
      alt_search: "没有找到 [SEARCH_TERM] 的结果。改为显示 [DIFFERENT_TERM] 的结果",
      search_suggestion: "没有找到 [SEARCH_TERM] 的结果。请尝试以下搜索。",
      searching: "正在搜索 [SEARCH_TERM]…"
    }
  });
  function input() { return box.querySelector("input.pagefind-ui__search-input"); }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) {
      if (e.key === "Escape" && box.contains(t)) { t.blur(); box.classList.remove("kb-search--open"); }
      return;
    }
    if (e.key === "/" || e.key === "s" || e.key === "S") {
      var i = input();
      if (i) { e.preventDefault(); i.focus(); i.select(); }
    }
  }, true);
  box.addEventListener("focusin", function () { box.classList.add("kb-search--open"); });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) box.classList.remove("kb-search--open");
  });
})();
