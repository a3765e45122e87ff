// Hover details for highlights, and links between highlights and table rows.
// The data (row key -> details) sits in the page as JSON; text is set with
// textContent only, so nothing from a story is ever parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("wc-data").textContent).rows || {};
  var tip = document.getElementById("wc-tip");
  var text = document.getElementById("story-text");
  if (!tip || !text) { return; }

  var segmentsOf = {};  // row key -> highlighted segments
  Array.prototype.forEach.call(text.querySelectorAll(".hl"), function (el) {
    el.getAttribute("data-r").split(" ").forEach(function (key) {
      (segmentsOf[key] = segmentsOf[key] || []).push(el);
    });
  });

  function keysOf(el) { return (el.getAttribute("data-r") || "").split(" ").filter(Boolean); }

  function add(parent, tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (content !== undefined) { node.textContent = content; }
    parent.appendChild(node);
    return node;
  }

  function fill(keys, further) {
    tip.textContent = "";
    keys.forEach(function (key) {
      var row = data[key];
      if (!row) { return; }
      var item = add(tip, "div", "item");
      var head = add(item, "div", "head");
      add(head, "span", "swatch sw-" + row.t);
      add(head, "span", "", row.t + (row.id ? " " + row.id : "") + (row.label ? ": " + row.label : ""));
      if (further.indexOf(key) >= 0) {
        add(item, "div", "note", "a further mention, found by the row's name (the table keeps the first mention's offsets)");
      }
      var dl = add(item, "dl");
      row.d.forEach(function (pair) {
        add(dl, "dt", "", pair[0]);
        add(dl, "dd", "", pair[1]);
      });
    });
  }

  function focus(key, on) {
    (segmentsOf[key] || []).forEach(function (el) { el.classList.toggle("focus", on); });
    var tr = document.querySelector('tr[data-r="' + key.replace(/"/g, "") + '"]');
    if (tr) { tr.classList.toggle("focus", on); }
  }

  var current = null;
  text.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest ? ev.target.closest(".hl") : null;
    if (el === current) { return; }
    if (current) { keysOf(current).forEach(function (k) { focus(k, false); }); }
    current = el;
    if (!el) { tip.hidden = true; return; }
    fill(keysOf(el), (el.getAttribute("data-f") || "").split(" "));
    keysOf(el).forEach(function (k) { focus(k, true); });
    tip.hidden = false;
    var box = el.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  });
  text.addEventListener("mouseleave", function () {
    if (current) { keysOf(current).forEach(function (k) { focus(k, false); }); }
    current = null;
    tip.hidden = true;
  });
  text.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest(".hl") : null;
    if (!el) { return; }
    var key = keysOf(el)[0];
    var tr = document.querySelector('tr[data-r="' + key.replace(/"/g, "") + '"]');
    if (tr) {
      var details = tr.closest("details");
      if (details) { details.open = true; }
      tr.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("tr[data-r]"), function (tr) {
    var key = tr.getAttribute("data-r");
    tr.addEventListener("mouseenter", function () {
      focus(key, true);
      var first = (segmentsOf[key] || [])[0];
      if (first) { first.scrollIntoView({ block: "nearest" }); }
    });
    tr.addEventListener("mouseleave", function () { focus(key, false); });
  });
})();
