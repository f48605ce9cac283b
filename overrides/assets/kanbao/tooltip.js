/* Kanbao glossary tooltips.
 *
 * A glossary term is <abbr class="kb-term" tabindex="0" title="definition\npinyin · English">.
 * This script shows that title in one small tooltip of its own, as TEXT only
 * (textContent, never innerHTML): whatever a glossary entry contains is shown
 * as characters, never parsed as markup.
 *
 *   mouse     hover opens, leaving closes
 *   keyboard  Tab reaches a term and opens it (focus), Enter toggles, Esc closes
 *   touch     a tap opens, a second tap (or a tap elsewhere) closes
 *
 * The title attribute is moved to data-kb-tip at first use so the browser's
 * own tooltip does not show as well; the served HTML keeps <abbr title>.
 */
(function () {
  "use strict";
  var tip = null, body = null, meta = null, current = null, openedAt = 0, lastPointer = "mouse";
  var TERM = "abbr.kb-term";

  function text(el) {
    if (!el.hasAttribute("data-kb-tip")) {
      el.setAttribute("data-kb-tip", el.getAttribute("title") || "");
      el.removeAttribute("title");
    }
    return el.getAttribute("data-kb-tip");
  }

  function ensure() {
    if (tip) return;
    tip = document.createElement("div");
    tip.id = "kb-tip";
    tip.className = "kb-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    body = document.createElement("p");
    body.className = "kb-tip__def";
    meta = document.createElement("p");
    meta.className = "kb-tip__meta";
    tip.appendChild(body);
    tip.appendChild(meta);
    document.body.appendChild(tip);
  }

  function place(el) {
    var r = el.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, vh = window.innerHeight, m = 8;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(Math.max(m, r.left + r.width / 2 - w / 2), vw - w - m);
    var top = r.bottom + 6;
    if (top + h > vh - m && r.top - h - 6 > m) top = r.top - h - 6;   /* no room below: above */
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function open(el) {
    ensure();
    var parts = text(el).split("\n");
    body.textContent = parts[0] || "";
    meta.textContent = parts.slice(1).join(" ");
    meta.hidden = parts.length < 2;
    tip.hidden = false;
    if (current && current !== el) current.removeAttribute("aria-describedby");
    current = el;
    el.setAttribute("aria-describedby", "kb-tip");
    el.setAttribute("aria-expanded", "true");
    openedAt = Date.now();
    place(el);
  }

  function close() {
    if (!tip || tip.hidden) return;
    tip.hidden = true;
    if (current) {
      current.removeAttribute("aria-describedby");
      current.setAttribute("aria-expanded", "false");
    }
    current = null;
  }

  function term(e) {
    return e.target && e.target.closest ? e.target.closest(TERM) : null;
  }

  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType || "mouse"; }, true);

  document.addEventListener("mouseover", function (e) {
    var el = term(e);
    if (el && lastPointer === "mouse" && el !== current) open(el);
  });
  document.addEventListener("mouseout", function (e) {
    var el = term(e);
    if (el && el === current && lastPointer === "mouse" && !el.contains(e.relatedTarget) &&
        document.activeElement !== el) close();
  });

  document.addEventListener("focusin", function (e) {
    var el = term(e);
    if (el) open(el);
  });
  document.addEventListener("focusout", function (e) {
    var el = term(e);
    if (el && el === current) close();
  });

  /* A tap (or click): open; a second tap on the same term closes. Focus from the
     same tap has just opened it, so a click right after opening keeps it open. */
  document.addEventListener("click", function (e) {
    var el = term(e);
    if (!el) { close(); return; }
    if (el === current && !tip.hidden && Date.now() - openedAt > 350) close();
    else open(el);
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { close(); return; }
    var el = term(e);
    if (el && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (el === current && !tip.hidden) close(); else open(el);
    }
  });

  window.addEventListener("resize", function () { if (current && !tip.hidden) place(current); });
  window.addEventListener("scroll", function () { if (current && !tip.hidden) place(current); }, { passive: true });
})();
