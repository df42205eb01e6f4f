// "Find organizations near me" on the directory page. The browser's
// location is asked for only when the button is pressed, sent only to this
// site's own search (/api/search?near=...), and never stored. Without
// JavaScript the button stays hidden and the state filters do the job.
(function () {
  "use strict";
  var box = document.querySelector(".near-me");
  if (!box || !navigator.geolocation || !window.fetch) return;
  var button = box.querySelector("button"), status = box.querySelector(".near-status");
  var list = box.querySelector(".near-results");
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = box.getAttribute("data-asking");
    navigator.geolocation.getCurrentPosition(function (pos) {
      var near = pos.coords.latitude.toFixed(3) + "," + pos.coords.longitude.toFixed(3);
      fetch(box.getAttribute("data-api") + "?type=organization&within=100&size=10&near=" + encodeURIComponent(near),
        { credentials: "omit", referrerPolicy: "no-referrer" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (res) {
          list.textContent = "";
          (res.hits || []).forEach(function (h) {
            if (!/^\/[^\/]/.test(h.url)) return;
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = h.url; a.textContent = h.title;
            li.appendChild(a);
            if (h.distance_km != null) li.appendChild(document.createTextNode(" · " + h.distance_km + " " + box.getAttribute("data-away")));
            list.appendChild(li);
          });
          status.textContent = list.children.length ? "" : box.getAttribute("data-none");
        })
        .catch(function () { status.textContent = box.getAttribute("data-denied"); });
    }, function () { status.textContent = box.getAttribute("data-denied"); },
    { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });
})();
