// The claims of the entity chosen in #claims-entity, year by year, as bars. The counts sit in
// the page as JSON (#claims-data); names are set with textContent only.
(function () {
  "use strict";
  var source = document.getElementById("claims-data");
  var select = document.getElementById("claims-entity");
  var chart = document.getElementById("claims-chart");
  if (!source || !select || !chart) { return; }
  var data = JSON.parse(source.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var W = 760, H = 180, PAD = 28;

  function el(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function draw() {
    var entity = data.entities[Number(select.value)];
    var counts = entity.counts, years = data.years;
    var top = Math.max.apply(null, counts.concat([1]));
    var step = (W - 2 * PAD) / Math.max(years.length, 1);
    var svg = el("svg", { "class": "claims-bars", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "claims of " + entity.name + " by year" });
    svg.appendChild(el("line", { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, "class": "axis" }));
    years.forEach(function (year, i) {
      var h = (counts[i] / top) * (H - 2 * PAD);
      var x = PAD + i * step;
      var bar = el("rect", { x: x + 2, y: H - PAD - h, width: Math.max(step - 4, 1), height: h, "class": "bar" });
      bar.appendChild(el("title", {}, year + ": " + counts[i] + " claims"));
      svg.appendChild(bar);
      if (counts[i]) { svg.appendChild(el("text", { x: x + step / 2, y: H - PAD - h - 3, "class": "count" }, String(counts[i]))); }
      svg.appendChild(el("text", { x: x + step / 2, y: H - PAD + 14, "class": "year" }, String(year)));
    });
    chart.textContent = "";
    chart.appendChild(svg);
  }

  select.addEventListener("change", draw);
  draw();
})();
