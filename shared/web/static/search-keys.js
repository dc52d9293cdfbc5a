// Arrow keys between a search box and its results (no inline script: the CSP forbids it).
// The box names its results' container: <input data-results="results">; each result is a
// link marked data-result, in order. Down from the box goes to the first result, down and up
// move between results, up from the first goes back to the box. Tab works as always.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if ((event.key !== "ArrowDown" && event.key !== "ArrowUp") ||
        event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var box = document.querySelector("input[data-results]");
    var container = box && document.getElementById(box.getAttribute("data-results"));
    if (!container) {
      return;
    }
    var links = Array.prototype.slice.call(container.querySelectorAll("a[data-result]"));
    var at = links.indexOf(event.target);
    var next = null;
    if (event.target === box) {
      next = event.key === "ArrowDown" ? links[0] : null;
    } else if (at >= 0) {
      next = event.key === "ArrowDown" ? links[at + 1] : (at === 0 ? box : links[at - 1]);
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
})();
