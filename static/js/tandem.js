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

/* Reviews */
// Comments anchored to passages: selecting text in the document fills the comment form's
// quote and its start/end offsets in the document's text (note markers "[n]" are not part of
// it). Without JavaScript the reviewer pastes the passage and the server finds it.
(function () {
  "use strict";
  var text = document.querySelector("[data-anchor-text]");
  var form = document.querySelector("[data-comment-form]");
  if (!text || !form || !window.getSelection) { return; }
  function offsetOf(node, offset) {
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, null);
    var total = 0;
    var current;
    while ((current = walker.nextNode())) {
      var skip = current.parentNode && current.parentNode.closest && current.parentNode.closest(".note-ref");
      if (current === node) { return skip ? total : total + offset; }
      if (!skip) { total += current.textContent.length; }
    }
    return -1;
  }
  text.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start < 0 || end <= start) { return; }
    form.querySelector("[name=start]").value = start;
    form.querySelector("[name=end]").value = end;
    var quote = form.querySelector("[name=quote]");
    quote.value = selection.toString().replace(/\[\d+\]/g, "");
    var comment = form.querySelector("[name=comment]");
    if (comment) { comment.focus(); }
  });
})();

// Wide tables scroll sideways inside their own box on small screens instead of widening the
// page. The box can take keyboard focus so that it can be scrolled without a mouse.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("table.table"), function (table) {
    if (table.parentNode.classList && table.parentNode.classList.contains("table-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "table-scroll";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    if (caption) {
      if (!caption.id) { caption.id = "caption-" + Math.random().toString(36).slice(2); }
      box.setAttribute("aria-labelledby", caption.id);
    } else {
      box.setAttribute("aria-label", document.title);
    }
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
})();
