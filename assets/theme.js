// Marks the page as scripted, then light or dark: the page follows the system until the visitor picks one with the masthead's
// button; the choice is kept in localStorage and applied here, in <head>, before the first paint.
(function () {
  var KEY = "museum-theme";
  var root = document.documentElement;
  root.classList.add("js");  // controls that need scripts (.js-only) show from the first paint: no layout shift
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(theme) { try { localStorage.setItem(KEY, theme); } catch (e) { /* private mode: this page only */ } }
  var chosen = stored();
  if (chosen === "light" || chosen === "dark") root.dataset.theme = chosen;

  function current() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  function label(button) {
    var next = current() === "dark" ? "light" : "dark";
    button.textContent = next === "dark" ? "Dark theme" : "Light theme";
    button.setAttribute("aria-label", "Switch to the " + next + " theme");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    label(button);
    button.addEventListener("click", function () {
      root.dataset.theme = current() === "dark" ? "light" : "dark";
      store(root.dataset.theme);
      label(button);
    });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () { label(button); });
  });
})();
