// The dev server's live reload (generator serve only; never in a build).
// It listens to /_reload: each message is the state of the latest build.
// A newer good build reloads the page; a broken one shows its problems over
// the page, as text, until they are fixed. While the search index is behind
// a quick update (state.indexing), a note in a corner says so.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var first = null;
  var overlay = null;
  var note = null;

  // catchingUp shows or removes the note that search lags behind the edit.
  function catchingUp(on) {
    if (on && !note) {
      note = document.createElement("p");
      note.id = "dev-indexing";
      note.setAttribute("role", "status");
      note.textContent = "Search is catching up with your edit: results may show the old text for a moment.";
      Object.assign(note.style, {
        position: "fixed", right: "0.75rem", bottom: "0.75rem", zIndex: "2147483646", margin: "0",
        maxWidth: "calc(100% - 1.5rem)", padding: "0.4rem 0.75rem", borderRadius: "6px",
        background: "#123c45", color: "#fff", font: "14px/1.4 system-ui, sans-serif"
      });
      document.body.appendChild(note);
    } else if (!on && note) {
      note.remove();
      note = null;
    }
  }

  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dev-build-problems";
      overlay.setAttribute("role", "alert");
      Object.assign(overlay.style, {
        position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
        background: "rgba(20, 20, 20, 0.94)", color: "#fff", padding: "1.5rem",
        font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
      });
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "The site does not build: fix these and save";
    Object.assign(h.style, { font: "bold 18px/1.3 system-ui, sans-serif", margin: "0 0 1rem", color: "#ffb4b4" });
    overlay.appendChild(h);
    problems.forEach(function (p) {
      var line = document.createElement("pre");
      line.className = "dev-problem dev-" + p.severity;
      line.textContent = p.text;
      Object.assign(line.style, { whiteSpace: "pre-wrap", margin: "0 0 0.75rem", color: p.severity === "error" ? "#ffd7d7" : "#fff3c4" });
      overlay.appendChild(line);
    });
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var source = new EventSource("/_reload");
  source.onmessage = function (e) {
    var state;
    try { state = JSON.parse(e.data); } catch (err) { return; }
    if (first === null) {
      first = state.gen;
      // Tests wait for this: an edit saved before the first message
      // would be taken for the page's own build and never reload it.
      document.documentElement.setAttribute("data-dev-reload", "listening");
    }
    if (state.problems && state.problems.length > 0) {
      show(state.problems);
    } else if (state.gen !== first) {
      location.reload();
      return;
    } else {
      hide();
    }
    catchingUp(state.indexing === true);
  };
})();
