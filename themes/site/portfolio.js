/* Portfolio site: filters of the home page (no server needed). Plain script, works from file://. */
(function () {
  "use strict";
  function setupFilters() {
    var form = document.querySelector(".pf-filters");
    if (!form) { return; }
    var selects = form.querySelectorAll("select[data-pf-filter]");
    var cards = document.querySelectorAll(".pf-card");
    var output = form.querySelector(".pf-filter-count");
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var visible = true;
        selects.forEach(function (select) {
          var wanted = select.value;
          if (wanted && card.getAttribute("data-" + select.dataset.pfFilter) !== wanted) {
            visible = false;
          }
        });
        card.hidden = !visible;
        if (visible) { shown += 1; }
      });
      output.textContent = shown + (shown > 1 ? " dossiers affichés" : " dossier affiché");
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupFilters);
  } else {
    setupFilters();
  }
})();

/* Preview: sortable class dashboard (click a column header). */
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) { return ""; }
    var raw = cell.getAttribute("data-sort") || cell.textContent.trim();
    var number = parseFloat(raw.replace(",", "."));
    return isNaN(number) || /[a-z]/i.test(raw) ? raw.toLowerCase() : number;
  }
  function setup() {
    document.querySelectorAll("table.pf-dashboard").forEach(function (table) {
      table.querySelectorAll("button[data-pf-sort]").forEach(function (button) {
        button.addEventListener("click", function () {
          var index = parseInt(button.getAttribute("data-pf-sort"), 10);
          var header = button.parentElement;
          var ascending = header.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
          header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, index), y = cellValue(b, index);
            return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
