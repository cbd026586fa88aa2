// Tandem's own small enhancements. Every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so that screen-reader users hear it first.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
})();

// Clarity checks analysed in the background: ask for the status every few seconds and reload
// when the report is ready. Without JavaScript, the "Refresh" link does the same.
(function () {
  "use strict";
  var box = document.getElementById("check-progress");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var label = box.querySelector("[data-status-label]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (label) { label.textContent = data.label; }
        if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 3000); }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
