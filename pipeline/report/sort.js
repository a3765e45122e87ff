// Every table sorts by a column when its heading is clicked (again: the other way).
// Numbers sort as numbers ("1,083" after "27"), empty cells last; the first click sorts
// text A to Z and numbers from the largest, as a summary is read.
(function () {
  "use strict";
  function key(cell) {
    var text = cell ? cell.textContent.trim() : "";
    var number = text.replace(/,/g, "");
    if (text !== "" && /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(number)) { return { n: parseFloat(number) }; }
    return { s: text.toLowerCase() };
  }
  function compare(a, b, up) {
    var empty = (a.s === "") - (b.s === "");
    if (empty) { return empty; }
    if (a.n !== undefined && b.n !== undefined) { return up ? a.n - b.n : b.n - a.n; }
    if (a.n !== undefined) { return -1; }
    if (b.n !== undefined) { return 1; }
    return up ? a.s.localeCompare(b.s) : b.s.localeCompare(a.s);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.rows"), function (table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.classList.add("sortable");
      th.title = "sort by " + th.textContent;
      th.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.some(function (tr) { return key(tr.cells[col]).n !== undefined; });
        var first = numeric ? "descending" : "ascending";
        var now = th.getAttribute("aria-sort");
        var order = now ? (now === "ascending" ? "descending" : "ascending") : first;
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", order);
        var keyed = rows.map(function (tr, i) { return { tr: tr, k: key(tr.cells[col]), i: i }; });
        keyed.sort(function (a, b) { return compare(a.k, b.k, order === "ascending") || a.i - b.i; });
        keyed.forEach(function (x) { body.appendChild(x.tr); });
      });
    });
  });
})();
