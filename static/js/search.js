// Search as you type: #search-q becomes a WAI-ARIA 1.2 combobox listing
// results from /api/search; without JavaScript, or if the API fails, it stays
// a plain GET form. site.js loads this file when the box is first used. Strings are data-* attributes of the #search-status region.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  if (!input || !status || !window.AbortController) return;
  var form = input.form, list = el("ul", "search-list");
  var items = [], active = -1, timer, ctrl, seq = 0;
  var ents = { lt: "<", gt: ">", amp: "&", quot: '"', "#34": '"', "#39": "'" };
  var lang = document.documentElement.lang || ""; // results in the page's language

  list.id = "search-list";
  list.hidden = true;
  form.append(list);
  set(list, { role: "listbox", "aria-label": form.querySelector("label").textContent });
  set(input, { role: "combobox", "aria-autocomplete": "list", "aria-controls": list.id, "aria-expanded": false });

  function set(n, a) { for (var k in a) n.setAttribute(k, a[k]); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    n.textContent = text || "";
    return n;
  }
  function t(key, n) { return (status.getAttribute("data-" + key) || "").replace("{n}", n && n.toLocaleString()); }
  function show(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on);
    if (!on) move(-1);
  }
  function move(i) {
    if (items[active]) items[active].removeAttribute("aria-selected");
    active = i;
    if (!items[i]) return input.removeAttribute("aria-activedescendant");
    items[i].setAttribute("aria-selected", true);
    input.setAttribute("aria-activedescendant", items[i].id);
    items[i].scrollIntoView({ block: "nearest" });
  }
  function quiet() { show(false); status.textContent = ""; }

  function search() {
    var q = input.value.trim(), my = ++seq; // answers to older searches are stale
    if (ctrl) ctrl.abort();
    if (q.length < 2) return quiet();
    ctrl = new AbortController();
    fetch("/api/search?size=6&facets=0&lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q), { signal: ctrl.signal })
      .then((r) => { if (!r.ok) throw r; return r.json(); })
      .then((res) => my === seq && render(res, q))
      .catch(() => my === seq && quiet());
  }

  function render(res, q) {
    var n = res.total || 0;
    show(false);
    list.textContent = "";
    items = [];
    res.hits.slice(0, 6).forEach((h) => {
      if (/^\/(?!\/)/.test(h.url)) option(h.url, h.title || h.url, t("type-" + h.type) || h.type, h.snippet);
    });
    status.textContent = n ? t(n === 1 ? "single" : "many", n) : t("none");
    if (!items.length) return;
    option(form.action + "?q=" + encodeURIComponent(q), t(n === 1 ? "all-one" : "all", n)).className = "all";
    show(true);
  }

  function option(url, title, type, snippet) {
    var li = el("li"), a = el("a"), p = el("span", "snippet"), on = false;
    set(li, { id: "search-opt-" + items.push(li), role: "option" });
    a.href = url;
    a.tabIndex = -1;
    a.append(el("span", "title", title), " ", el("span", "type", type), " ", p);
    // The snippet is escaped text with <mark> tags: only those become markup.
    (snippet || "").split(/(<\/?mark>)/).forEach((s) => {
      if (/^<\/?mark>$/.test(s)) on = s === "<mark>";
      else if (s) phones(on ? p.appendChild(el("mark")) : p, decode(s));
    });
    li.append(a);
    list.append(li);
    return li;
  }
  // Phone numbers stay on one line (span.phone), as on the pages.
  function phones(n, s) {
    s.split(/(\b(?:1-)?\d{3}-\d{3}-\d{4}\b)/).forEach((x, i) => { if (x) n.append(i % 2 ? el("span", "phone", x) : x); });
  }
  function decode(s) { return s.replace(/&(lt|gt|amp|quot|#34|#39);/g, (m, e) => ents[e]); }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });

  input.addEventListener("keydown", (e) => {
    var k = e.key, n = items.length, open = !list.hidden;
    if (e.isComposing) return;
    if (k === "ArrowDown" && !open) search();
    else if (open && (k === "ArrowDown" || k === "ArrowUp")) move(k === "ArrowDown" ? (active + 1) % n : (active < 1 ? n : active) - 1);
    else if (k === "Enter" && items[active]) location.href = items[active].firstChild.href;
    // Escape closes and keeps the text (a second one clears the box, as
    // the browser does). In a text field it never counts toward the quick
    // exit's Escape twice (site.js): the exit button is one Tab away.
    else if (k === "Escape" && open) show(false);
    else {
      if (k === "Tab") show(false);
      return;
    }
    e.preventDefault();
  });

  // site.js loads this file when the box is first used: what was typed
  // before it arrived is searched now.
  if (document.activeElement === input && input.value.trim().length >= 2 && input.value !== input.defaultValue) search();

  // Pressing an option must not take focus from the field; its link navigates.
  list.addEventListener("mousedown", (e) => e.preventDefault());
  document.addEventListener("click", (e) => form.contains(e.target) || show(false));
  addEventListener("pageshow", () => show(false));
})();
