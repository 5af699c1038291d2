// An exhibit page: a link to one size (#v-4b) opens that size's drawings.
(function () {
  "use strict";
  function open() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", open);
  open();
})();
