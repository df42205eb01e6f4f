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
