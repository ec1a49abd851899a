// Sort a table.sortable by the clicked column: numbers by value (data-v), text by locale.
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.dataset.ready = "1"; // lets tests see that the inline script ran
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = th.classList.contains("num");
      var dir = th.dataset.dir === "desc" ? "asc" : "desc";
      table.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; h.removeAttribute("aria-sort"); });
      th.dataset.dir = dir;
      th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      var key = function (r) {
        var c = r.cells[col];
        var v = c.dataset.v !== undefined ? c.dataset.v : c.textContent;
        if (!numeric) return v;
        var n = parseFloat(v);
        return isNaN(n) ? -Infinity : n;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? (x > y) - (x < y) : String(x).localeCompare(String(y));
        return dir === "asc" ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
