// The bestiary's filters: hide the placards that do not match every chosen facet.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = document.querySelectorAll(".placard");
  var count = document.getElementById("filters-count");

  function values(card, name) {
    return Array.prototype.filter.call(card.attributes, function (a) { return a.name.indexOf("data-" + name + "-") === 0; })
      .map(function (a) { return a.value; });
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var match = Array.prototype.every.call(form.querySelectorAll("select"), function (s) {
        return !s.value || values(card, s.name).indexOf(s.value) >= 0;
      });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " on display";
  }

  form.addEventListener("change", update);
  update();
})();
