// Quick exit. Without JavaScript the control is a plain link with
// rel="noreferrer". With it, the exit also blanks the page at once and
// replaces this page in the history, so Back does not return here; and it
// fires on Escape pressed twice or Shift pressed three times.
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

  var presses = { Escape: [], Shift: [] };
  var needed = { Escape: 2, Shift: 3 };
  document.addEventListener("keydown", function (e) {
    var list = presses[e.key];
    if (!list || e.repeat) return;
    var now = Date.now();
    list.push(now);
    while (list.length && now - list[0] > 1500) list.shift();
    if (list.length >= needed[e.key]) exit();
  });
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
