// Languages. Every page works without this file; it adds two things:
// 1. Switching language keeps what was typed: before the switch, the values of the page's
//    forms are kept in this tab's sessionStorage, and put back once the page comes back in the
//    other language (then forgotten). Passwords, files and hidden fields are never kept.
// 2. The browser's own validation bubbles speak the browser's language, not the page's: forms
//    are checked by the server, which answers in the page's language (error summary).
(function () {
  "use strict";
  var KEY = "tandem-draft:" + window.location.pathname + window.location.search;
  var SKIP = { password: 1, file: 1, hidden: 1, submit: 1, button: 1, reset: 1, image: 1 };

  function fields() {
    var found = [];
    var forms = document.querySelectorAll("main form");
    for (var f = 0; f < forms.length; f++) {
      var elements = forms[f].elements;
      for (var i = 0; i < elements.length; i++) {
        var el = elements[i];
        if (!el.name || SKIP[el.type] || el.disabled) { continue; }
        found.push({ form: f, el: el });
      }
    }
    return found;
  }

  function save() {
    var values = [];
    fields().forEach(function (item) {
      var el = item.el;
      var value;
      if (el.type === "checkbox" || el.type === "radio") { value = el.checked; }
      else if (el.tagName === "SELECT" && el.multiple) {
        value = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else { value = el.value; }
      values.push({ form: item.form, name: el.name, value: el.value, kind: el.type, state: value });
    });
    try { window.sessionStorage.setItem(KEY, JSON.stringify(values)); } catch (e) { /* full or off */ }
  }

  function restore() {
    var saved;
    try { saved = window.sessionStorage.getItem(KEY); window.sessionStorage.removeItem(KEY); }
    catch (e) { return; }
    if (!saved) { return; }
    var values;
    try { values = JSON.parse(saved); } catch (e) { return; }
    fields().forEach(function (item) {
      var el = item.el;
      for (var i = 0; i < values.length; i++) {
        var v = values[i];
        if (v.form !== item.form || v.name !== el.name) { continue; }
        if (el.type === "checkbox" || el.type === "radio") {
          if (v.value === el.value) { el.checked = v.state; }
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = v.state.indexOf(o.value) !== -1;
          });
        } else { el.value = v.state; }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) { forms[i].noValidate = true; }
    var switcher = document.querySelector("form.language-switcher");
    if (switcher) { switcher.addEventListener("submit", save); }
    restore();
  });
})();
