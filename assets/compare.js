// Compare: rebuild the table for the sizes named in ?v=slug/label,… (2–4), from the data in the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("compare-data").textContent);
  var byId = {};
  data.variants.forEach(function (v) { byId[v.id] = v; });
  var form = document.getElementById("compare-form");
  var table = document.getElementById("compare-table");

  function chosen() {
    var wanted = (new URLSearchParams(location.search).get("v") || "").split(",");
    return wanted.filter(function (id) { return byId[id]; }).slice(0, 4);
  }

  function cell(tag, text, href) {
    var el = document.createElement(tag);
    if (tag === "th") { el.scope = href === undefined ? "row" : "col"; }
    if (href) { var a = document.createElement("a"); a.href = href; a.textContent = text; el.appendChild(a); }
    else { el.textContent = text; }
    return el;
  }

  function render(ids) {
    var head = document.createElement("tr");
    head.appendChild(cell("th", "Fact", null));
    ids.forEach(function (id) { head.appendChild(cell("th", byId[id].name, byId[id].href)); });
    var body = document.createElement("tbody");
    data.facts.forEach(function (f) {
      var row = document.createElement("tr");
      var values = ids.map(function (id) { return byId[id].cells[f.key]; });
      if (values.every(function (v) { return v === "—"; })) { return; }  // applies to none of them
      if (new Set(values).size > 1) { row.className = "differs"; }
      row.appendChild(cell("th", f.title));
      values.forEach(function (v) { row.appendChild(cell("td", v)); });
      body.appendChild(row);
    });
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceWith(body);
  }

  function fromForm() {
    var ids = [];
    for (var i = 0; i < 4; i++) { var v = form.elements["v" + i].value; if (v && ids.indexOf(v) < 0) { ids.push(v); } }
    return ids;
  }

  var ids = chosen();
  if (ids.length >= 2) { render(ids); }
  else { ids = Array.prototype.map.call(table.tHead.querySelectorAll("th a"), function (a) {
    var name = a.textContent; return data.variants.filter(function (v) { return v.name === name; })[0].id; }); }
  ids.forEach(function (id, i) { form.elements["v" + i].value = id; });
  form.addEventListener("change", function () {
    var picked = fromForm();
    if (picked.length < 2) { return; }
    history.replaceState(null, "", "?v=" + picked.join(","));
    render(picked);
  });
})();
