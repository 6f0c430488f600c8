(function () {
  "use strict";
  // Sort (click a heading) and filter (text, verdict) the portfolio table. The state can also come
  // from the address: dashboard.html#q=TEXT&verdict=0&sort=7&desc (a link to "what is not ready").
  var table = document.getElementById("portfolio");
  if (!table) { return; }
  document.getElementById("tools").hidden = false;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var filter = document.getElementById("filter");
  var verdict = document.getElementById("verdict-filter");
  function key(row, col) {
    var cell = row.cells[col];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function sortBy(col, asc) {
    var th = heads[col];
    Array.prototype.forEach.call(heads, function (o) { o.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var numeric = th.hasAttribute("data-numeric");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () { sortBy(col, th.getAttribute("aria-sort") !== "ascending"); });
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
  var hash = window.location.hash.slice(1);
  if (hash.indexOf("=") >= 0) {
    var state = {};
    hash.split("&").forEach(function (part) {
      var kv = part.split("=");
      state[decodeURIComponent(kv[0])] = kv.length > 1 ? decodeURIComponent(kv.slice(1).join("=")) : "";
    });
    if (state.q) { filter.value = state.q; }
    if (state.verdict === "0" || state.verdict === "1") { verdict.value = state.verdict; }
    var col = parseInt(state.sort, 10);
    if (col >= 0 && col < heads.length) { sortBy(col, !("desc" in state)); }
    apply();
  }
})();
