// Quick exit. Without JavaScript the control is a plain link with
// rel="noreferrer". With it, the exit also blanks the page at once and
// replaces this page in the history, so Back does not return here.
//
// The keyboard shortcut is Escape pressed twice within 1.5 s, the common
// convention, and only where it cannot collide with typing: Escape in a
// text field, textarea, select or contenteditable never counts (it closes
// the search suggestions, or clears the box), and any other key between
// the two presses starts the count again. Shift pressed three times, which
// some sites use, is not a shortcut here: typing "New York Police" presses
// Shift three times in a second. /browsing-safely/ tells visitors this.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-exit") || link.href;

  function exit(event) {
    if (event) event.preventDefault();
    document.body.classList.add("exiting");
    document.title = "";
    try { window.location.replace(target); } catch (e) { window.location.href = target; }
  }
  link.addEventListener("click", exit);

  var notTyped = /^(button|checkbox|radio|submit|reset|image|range|color|file|hidden)$/i;
  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    return tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !notTyped.test(el.type));
  }
  var last = 0;
  // Capture phase: the count sees every key, whatever a field's own
  // handler does with it.
  document.addEventListener("keydown", function (e) {
    if (e.repeat) return;
    var t = e.target === document.body ? document.activeElement : e.target;
    if (e.key !== "Escape" || e.isComposing || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || typing(t)) {
      last = 0;
      return;
    }
    var now = Date.now();
    if (last && now - last <= 1500) exit();
    else last = now;
  }, true);
})();

// Copy link. Each heading already has a visible # link to itself; with
// JavaScript a button beside it copies the section's full address, for
// trainers who share one section. The strings are data-* attributes of
// <body>, and a status region announces the result.
(function () {
  "use strict";
  var body = document.body, anchors = document.querySelectorAll(".heading > a.anchor");
  if (!anchors.length || !navigator.clipboard || !body.hasAttribute("data-copy")) return;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  body.append(status);

  anchors.forEach(function (a) {
    var b = document.createElement("button"), text = a.parentNode.firstElementChild.textContent;
    b.type = "button";
    b.className = "copy-link";
    b.textContent = body.getAttribute("data-copy");
    b.setAttribute("aria-label", body.getAttribute("data-copy") + ": " + text);
    b.addEventListener("click", function () {
      var url = location.origin + location.pathname + a.hash;
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = body.getAttribute("data-copied") + " " + url;
        b.textContent = body.getAttribute("data-copied");
        setTimeout(function () { b.textContent = body.getAttribute("data-copy"); }, 2000);
      }, function () {
        status.textContent = body.getAttribute("data-copy-failed");
      });
    });
    a.after(b);
  });
})();

// Search as you type (search.js) is loaded only when the visitor turns to
// the search box: on a cheap phone most pages are read, not searched, and
// the plain GET form works without it. search.js picks up what was typed
// before it arrived.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var src = input && input.getAttribute("data-script");
  if (!src) return;
  var events = ["focus", "pointerdown", "input"], loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    events.forEach(function (e) { input.removeEventListener(e, load); });
    var s = document.createElement("script");
    s.src = src;
    document.head.append(s);
  }
  events.forEach(function (e) { input.addEventListener(e, load); });
  if (document.activeElement === input) load();
})();
