// Search: Pagefind's UI over http; from disk, say why it cannot work instead of failing.
(function () {
  "use strict";
  if (location.protocol === "file:") {
    document.getElementById("search-offline").hidden = false;
    return;
  }
  var css = document.querySelector("link[rel=stylesheet][href$='pagefind-ui.css']");
  var bundle = new URL(".", css.href).href;  // the pagefind/ folder, whatever path the site is served under
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, bundlePath: bundle });
    var input = document.querySelector(".pagefind-ui__search-input");
    if (input) {  // Pagefind's box has only a title: give it a visible label
      input.id = "search-input";
      var label = document.createElement("label");
      label.htmlFor = "search-input";
      label.className = "search__label";
      label.textContent = "Search the museum";
      input.closest("form").prepend(label);
    }
    var q = new URLSearchParams(location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  };
  document.head.appendChild(script);
})();
