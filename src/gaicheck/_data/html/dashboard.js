(function () {
  "use strict";
  var table = document.getElementById("portfolio");
  if (!table) { return; }
  document.getElementById("tools").hidden = false;
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var verdict = document.getElementById("verdict-filter");
  function key(row, col) {
    var cell = row.cells[col];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.hasAttribute("data-numeric");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  function apply() {
    var q = filter.value.toLowerCase(), v = verdict.value;
    Array.prototype.forEach.call(body.rows, function (r) {
      var show = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!v || r.getAttribute("data-ready") === v);
      r.hidden = !show;
    });
  }
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  filter.addEventListener("input", apply);
  verdict.addEventListener("change", apply);
})();
