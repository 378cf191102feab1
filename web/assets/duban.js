// Duban's pages: a little plain JavaScript, served by duban serve itself.
// Live updates: parts marked data-live are fetched anew when the audit
// trail moves (server-sent events); forms act once.
(function () {
  "use strict";
  // A form acts once: its buttons are disabled as it is sent.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset.sent) { e.preventDefault(); return; }
    form.dataset.sent = "1";
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
  });
  var live = document.querySelectorAll("[data-live]");
  if (!live.length || !window.EventSource) return;
  var dot = document.getElementById("live-dot");
  var timers = [];
  function refresh() {
    fetch(location.href, { credentials: "same-origin", headers: { "X-Duban-Partial": "1" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        // Read before the parts move into the page.
        var stale = doc.querySelector("[data-stale]") !== null;
        Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh) el.replaceWith(fresh);
        });
        if (stale) timers.push(setTimeout(refresh, 2000));
      });
  }
  function changed() {
    timers.forEach(clearTimeout);
    // Now, and again once the server's board has been counted anew.
    timers = [setTimeout(refresh, 300), setTimeout(refresh, 3000)];
  }
  // A part counted before the latest steps is asked for again once the count is done.
  if (document.querySelector("[data-stale]")) changed();
  var stream = new EventSource("/api/v1/stream");
  stream.addEventListener("change", changed);
  stream.onopen = function () { if (dot) dot.classList.add("on"); };
  stream.onerror = function () { if (dot) dot.classList.remove("on"); };
  // A page left behind (or kept in the back-forward cache) lets its stream
  // go: a browser has few connections to one server, and a stream holds one.
  window.addEventListener("pagehide", function () { stream.close(); });
})();
