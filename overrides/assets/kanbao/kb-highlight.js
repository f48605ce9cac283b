/* Highlight the search keywords on an article opened from the search box.
 *
 * The search box links to an article with ?kbq=<keywords> (keywords separated
 * by spaces, alternatives by "|", each folded as in kb-match.js).  Here every
 * occurrence in the article text is wrapped in <mark class="kb-hit"> (also
 * across inline elements: “链主”企业 for 链主企业), the first one is scrolled
 * into view, and a bar offers to clear the highlight (which also drops kbq
 * from the address).
 */
(function () {
  var M = window.KanbaoMatch;
  var q = new URLSearchParams(location.search).get("kbq");
  if (!M || !q) return;
  var keywords = q.split(/\s+/).filter(Boolean).map(function (k) { return k.split("|").filter(Boolean); });
  if (!keywords.length) return;

  function textNodes(root) {
    var out = [], w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentElement;
        if (!p || p.closest("script, style, [data-pagefind-ignore], .kb-search-meta")) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    while (w.nextNode()) out.push(w.currentNode);
    return out;
  }

  function highlight(root) {
    var nodes = textNodes(root), text = "", at = [];
    nodes.forEach(function (n) { at.push(text.length); text += n.data; });
    var ranges = [];
    keywords.forEach(function (alts) { ranges = ranges.concat(M.find(M.fold(text), alts)); });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var kept = [], end = -1;
    ranges.forEach(function (r) { if (r[0] >= end) { kept.push(r); end = r[1]; } });
    var marks = [];
    // from the last range back, so earlier offsets stay valid; each piece inside one text node
    for (var k = kept.length - 1; k >= 0; k--) {
      var s = kept[k][0], e = kept[k][1], first = null;
      for (var i = nodes.length - 1; i >= 0; i--) {
        var ns = at[i], ne = ns + nodes[i].data.length;
        if (ne <= s || ns >= e) continue;
        var node = nodes[i], a = Math.max(s, ns) - ns, b = Math.min(e, ne) - ns;
        var mid = node.splitText(a);
        mid.splitText(b - a);
        var mark = document.createElement("mark");
        mark.className = "kb-hit";
        mid.parentNode.replaceChild(mark, mid);
        mark.appendChild(mid);
        first = mark;
      }
      if (first) marks.unshift(first);
    }
    return marks;
  }

  function clearAll(bar) {
    document.querySelectorAll("mark.kb-hit").forEach(function (m) {
      var p = m.parentNode;
      while (m.firstChild) p.insertBefore(m.firstChild, m);
      p.removeChild(m);
      p.normalize();
    });
    if (bar) bar.remove();
    var u = new URL(location.href);
    u.searchParams.delete("kbq");
    history.replaceState(history.state, "", u.pathname + u.search + u.hash);
  }

  function start() {
    var root = document.querySelector("article.md-content__inner");
    if (!root) return;
    var marks = highlight(root);
    if (!marks.length) return;
    var bar = document.createElement("div");
    bar.className = "kb-hit-bar";
    bar.setAttribute("role", "status");
    bar.innerHTML = '<span></span> <button type="button" class="kb-hit-next">下一处</button> ' +
      '<button type="button" class="kb-hit-clear">清除高亮</button>';
    bar.querySelector("span").textContent = "已标出 " + marks.length + " 处搜索词";
    root.insertBefore(bar, root.firstChild);
    var at = 0;
    function go(i) {
      at = (i + marks.length) % marks.length;
      marks.forEach(function (m) { m.classList.remove("kb-hit--current"); });
      marks[at].classList.add("kb-hit--current");
      marks[at].scrollIntoView({ block: "center" });
    }
    bar.querySelector(".kb-hit-next").addEventListener("click", function () { go(at + 1); });
    bar.querySelector(".kb-hit-clear").addEventListener("click", function () { clearAll(bar); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && document.querySelector("mark.kb-hit") && !e.target.closest("input, textarea, select")) clearAll(bar);
    });
    go(0);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
