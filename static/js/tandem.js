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

// A check's report printed as a PDF in the background (checks/_pdf.html): ask for the state every
// few seconds; once it is ready or failed, put the page's new state in place, in the same status
// region (which announces it) and with the same button. Without JavaScript, "Refresh" does it.
(function () {
  "use strict";
  var section = document.querySelector("[data-pdf-status-url]");
  if (!section || !window.fetch || !window.DOMParser) { return; }
  var url = section.getAttribute("data-pdf-status-url");
  function swap() {
    fetch(window.location.href.split("#")[0], { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["pdf-state", "pdf-actions"].forEach(function (id) {
          var now = document.getElementById(id);
          var then = fresh.getElementById(id);
          if (now && then) { now.innerHTML = then.innerHTML; }
        });
        section.removeAttribute("data-pdf-status-url");
      })
      .catch(function () { window.setTimeout(swap, 10000); });
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.pdf && data.pdf.finished) { swap(); } else { window.setTimeout(poll, 3000); }
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

// Choosers of long lists (tandem.core.widgets.Chooser): a filter box that hides the choices not
// matching what is typed (accents and case ignored, codes included), and the summary of what is
// chosen kept up to date. Without JavaScript every choice is shown and the summary is the saved one.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chooser]"), function (chooser) {
    var filter = chooser.querySelector("[data-chooser-filter]");
    var input = chooser.querySelector("[data-chooser-input]");
    var count = chooser.querySelector("[data-chooser-count]");
    var summary = chooser.querySelector("[data-chooser-summary]");
    var options = Array.prototype.slice.call(chooser.querySelectorAll("[data-chooser-option]"));
    var groups = Array.prototype.slice.call(chooser.querySelectorAll("[data-chooser-group]"));
    var list = chooser.querySelector(".chooser-list");
    var words = options.map(function (option) {
      return fold(option.textContent + " " + (option.getAttribute("data-keywords") || ""));
    });
    filter.hidden = false;
    function apply() {
      var wanted = fold(input.value.trim()).split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (option, index) {
        var match = wanted.every(function (word) { return words[index].indexOf(word) !== -1; });
        option.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-chooser-option]:not([hidden])");
      });
      list.hidden = shown === 0;
      if (!wanted.length) { count.textContent = ""; return; }
      count.textContent = shown ? count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", options.length) : count.getAttribute("data-empty");
    }
    function summarise() {
      var chosen = options.filter(function (option) { return option.querySelector("input").checked; })
        .map(function (option) {
          var code = option.querySelector(".chooser-code");
          var label = option.querySelector(".chooser-label").textContent.trim();
          return code ? label + " (" + code.textContent.trim() + ")" : label;
        });
      summary.textContent = chosen.length ? summary.getAttribute("data-some") + " " + chosen.join("; ")
        : summary.getAttribute("data-none");
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // filtering never sends the form
    });
    chooser.addEventListener("change", summarise);
  });
})();

// Wide tables, one mechanism for every page (the template only chooses, per table):
// - a table of records marked `table-stack` is laid out on a phone as one block per row, each
//   cell under its column's name: the names are copied here from the header into `data-label`
//   (tandem.css shows them below 40rem), with the table's roles kept explicit, since a table
//   laid out as blocks loses them in some browsers;
// - every other table scrolls sideways inside its own region rather than squeezing words or
//   widening the page. While it is wider than its region, the region is named by the table's
//   caption (or the page's title), takes keyboard focus so that it can be scrolled without a
//   mouse, and a visible hint above it (includes/table_hint.html) says that it scrolls; when it
//   fits, the hint is hidden and the region is no extra tab stop.
(function () {
  "use strict";
  var template = document.getElementById("table-scroll-hint");
  var regions = [];
  function stack(table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead tr:last-child > th"), function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    var roles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row" };
    table.setAttribute("role", roles.TABLE);
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tr"), function (el) {
      el.setAttribute("role", roles[el.tagName]);
    });
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th) {
      th.setAttribute("role", "columnheader");
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
        // A cell across columns ("No request yet.") is a sentence, not a value of one column.
        if (names[column] && cell.tagName === "TD" && cell.colSpan === 1) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan;
      });
    });
    table.setAttribute("data-stacked", "");
  }
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table, index) {
    if (table.closest(".report-text")) { return; }
    if (table.classList.contains("table-stack")) { stack(table); }
    var region = table.parentNode;
    if (!region.classList.contains("table-scroll")) {
      region = document.createElement("div");
      region.className = "table-scroll";
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    }
    var caption = table.querySelector("caption");
    if (caption) {
      caption.id = caption.id || "table-caption-" + index;
      region.setAttribute("data-label", caption.id);
    }
    var hint = null;
    if (template) {
      hint = template.content.firstElementChild.cloneNode(true);
      hint.id = "table-hint-" + index;
      hint.hidden = true;
      region.parentNode.insertBefore(hint, region);
    }
    regions.push({ region: region, hint: hint });
  });
  function update() {
    regions.forEach(function (found) {
      var region = found.region;
      var wide = region.scrollWidth > region.clientWidth + 1;
      if (found.hint) { found.hint.hidden = !wide; }
      if (wide) {
        region.setAttribute("role", "region");
        region.setAttribute("tabindex", "0");
        if (region.getAttribute("data-label")) {
          region.setAttribute("aria-labelledby", region.getAttribute("data-label"));
        } else {
          region.setAttribute("aria-label", document.title);
        }
        if (found.hint) { region.setAttribute("aria-describedby", found.hint.id); }
      } else {
        ["role", "tabindex", "aria-labelledby", "aria-label", "aria-describedby"].forEach(function (name) {
          region.removeAttribute(name);
        });
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();
