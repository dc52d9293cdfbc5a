// aria-busy on a region htmx is filling (no inline script: the CSP forbids it, and htmx's
// hx-on needs eval, which is off). A region marked data-busy-while-loading is busy from the
// moment htmx asks for its content until the answer is in place or has failed (its
// fallback content then stays). Without JavaScript it is never busy: its fallback shows.
(function () {
  "use strict";
  function region(event) {
    var elt = event.detail && event.detail.elt;
    return elt && elt.hasAttribute && elt.hasAttribute("data-busy-while-loading") ? elt : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = region(event);
    if (elt) {
      elt.setAttribute("aria-busy", "true");
    }
  });
  ["htmx:afterSettle", "htmx:afterRequest"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var elt = region(event);
      if (elt) {
        elt.removeAttribute("aria-busy");
      }
    });
  });
})();
