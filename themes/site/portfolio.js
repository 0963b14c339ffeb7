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
