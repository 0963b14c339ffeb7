/* Portfolio site (plain script, works from file://): the home page's filters, tables that scroll,
   the lightbox in French, the preview's sortable dashboard. */
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

/* Tables wider than the screen scroll sideways: such a table (Material's wrapper of a student's
   table, or a cost table's) becomes a labelled region the keyboard can reach and scroll, with a
   visible sign that it scrolls. Measured again when the window changes size. */
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset__scrollwrap, .pf-couts-defile, .pf-dashboard-wrap";
  function label(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return "Tableau défilant" + (text ? " : " + text : "");
  }
  function hint(box) {
    var previous = box.previousElementSibling;
    if (previous && previous.classList.contains("pf-defile-indice")) { return previous; }
    var note = document.createElement("p");
    note.className = "pf-defile-indice";
    note.setAttribute("aria-hidden", "true");
    note.textContent = "Tableau plus large que l’écran : faites-le défiler →";
    box.parentNode.insertBefore(note, box);
    return note;
  }
  function measure() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.parentElement && box.parentElement.closest(SCROLLERS)) { return; }
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("pf-defile", scrolls);
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
        hint(box).hidden = false;
      } else if (box.classList.contains("pf-defile-vu")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        hint(box).hidden = true;
      }
      if (scrolls) { box.classList.add("pf-defile-vu"); }
    });
  }
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(measure, 150);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(measure, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", measure);
  } else {
    measure();
  }
  window.addEventListener("load", measure);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(measure); }
})();

/* The lightbox (GLightbox, set up by mkdocs-glightbox after this script): the enlarged image
   keeps the student's alt text and its figure's caption (the caption's HTML, already sanitised
   on the page), the buttons speak French, and closing gives the focus back to the image's link
   (the last image shown). */
(function () {
  "use strict";
  var FRENCH = '<div id="glightbox-body" class="glightbox-container" tabindex="-1" ' +
    'role="dialog" aria-modal="true" aria-label="Image agrandie" aria-hidden="false">' +
    '<div class="gloader visible"></div><div class="goverlay"></div><div class="gcontainer">' +
    '<div id="glightbox-slider" class="gslider"></div>' +
    '<button class="gclose gbtn" aria-label="Fermer" data-taborder="3">{closeSVG}</button>' +
    '<button class="gprev gbtn" aria-label="Image précédente" data-taborder="2">{prevSVG}</button>' +
    '<button class="gnext gbtn" aria-label="Image suivante" data-taborder="1">{nextSVG}</button>' +
    "</div></div>";
  function describe() {
    document.querySelectorAll("a.glightbox").forEach(function (link) {
      var img = link.querySelector("img");
      if (img && img.alt && !link.hasAttribute("data-alt")) { link.setAttribute("data-alt", img.alt); }
      var figure = link.closest("figure");
      var caption = figure ? figure.querySelector("figcaption") : null;
      if (caption && !link.hasAttribute("data-description")) {
        link.setAttribute("data-description", caption.innerHTML.trim());
      }
    });
  }
  function followFocus(box) {
    var shown = null;
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.glightbox") : null;
      if (link) { shown = link; }
    }, true);
    box.on("slide_changed", function (data) {
      var links = document.querySelectorAll("a.glightbox");
      if (data && data.current && links[data.current.index]) { shown = links[data.current.index]; }
    });
    box.on("close", function () {
      if (shown && document.contains(shown)) { shown.focus(); }
    });
  }
  describe();
  if (typeof window.GLightbox === "function" && !window.GLightbox.portfolio) {
    var original = window.GLightbox;
    window.GLightbox = function (options) {
      var box = original(Object.assign({}, options, { lightboxHTML: FRENCH }));
      followFocus(box);
      return box;
    };
    window.GLightbox.portfolio = true;
  }
})();
