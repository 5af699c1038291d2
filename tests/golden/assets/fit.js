// Device fit: weights at a precision plus a bf16 KV cache, against 75% of a device's memory.
// The same formulas as museum/anatomy/memory.py (weight_bytes, kv_cache_bytes), on the data in the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fit-data").textContent);
  var GIB = Math.pow(2, 30);

  function weights(v, precision) {
    if (precision === "ternary") {
      if (!v.ternary) { return null; }
      return Math.ceil((v.total - v.embedding) * data.precisions.ternary + v.embedding * data.precisions.bf16);
    }
    return Math.ceil(v.total * data.precisions[precision]);
  }

  function kv(v, tokens) {
    var cached = 0;
    Object.keys(v.windows).forEach(function (w) {
      var window = Number(w);
      cached += v.windows[w] * (window > 0 ? Math.min(tokens, window) : tokens);
    });
    return Math.round(v.kv_values * cached * 2);
  }

  function need(id, precision, tokens) {
    var v = data.variants.filter(function (x) { return x.id === id; })[0];
    var w = weights(v, precision);
    return w === null ? null : w + kv(v, tokens);
  }

  function size(n) {
    if (n >= GIB / 4) { return (n / GIB).toFixed(2) + " GiB"; }
    if (n >= 1048576) { return Math.round(n / 1048576) + " MiB"; }
    return Math.round(n / 1024) + " KiB";
  }

  window.museumFit = { need: need, weights: weights, kv: kv };
  var form = document.getElementById("fit-form");
  if (!form) { return; }
  var rows = document.querySelectorAll("#fit-table tbody tr");
  var summary = document.getElementById("fit-summary");

  function update() {
    var tier = form.elements.tier.value;
    if (tier !== "custom") { form.elements.gib.value = tier; }
    var gib = Number(form.elements.gib.value) || 0;
    var precision = form.elements.precision.value;
    var tokens = Math.max(0, Math.floor(Number(form.elements.tokens.value) || 0));
    var usable = data.usable * gib * GIB;
    rows.forEach(function (row) {
      var n = need(row.dataset.id, precision, tokens);
      var fits = n !== null && n <= usable;
      row.className = fits ? "fits" : "no-fit";
      row.children[1].textContent = n === null ? "—" : size(n);
      row.children[2].textContent = n === null ? "not ternary" : (fits ? "fits" : "too big");
    });
    summary.textContent = gib + " GiB of memory, " + precision + " weights, " + tokens.toLocaleString("en") + " tokens of context:";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
})();
