// The live parts of the staff page: the feed, by server-sent events, and the figures,
// refreshed from the server (the same HTML it renders) after each event. No reload.
(function () {
  "use strict";
  var layout = document.querySelector(".layout");
  var feed = document.getElementById("feed");
  var status = document.getElementById("live-status");
  if (!layout || !feed || !window.EventSource) { return; }
  var lang = layout.getAttribute("data-lang") || "fr";
  // Where the page's fragments and stream are: "" on the `/` page, "/staff" behind the
  // front door (only /staff* reaches the dashboard there).
  var base = layout.getAttribute("data-base") || "";
  var liveOff = document.getElementById("live-off");
  if (liveOff) { liveOff.hidden = true; }
  var KEEP = 50;

  function setStatus(state) {
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute("data-" + state) || "";
  }

  var refreshing = false, again = false;
  function refreshFigures() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(base + "/partials/figures?lang=" + lang, { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        var current = document.getElementById("figures");
        if (html && current) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#figures");
          if (fresh) { current.replaceWith(fresh); }
        }
      })
      .catch(function () { /* the next event tries again */ })
      .then(function () {
        refreshing = false;
        if (again) { again = false; refreshFigures(); }
      });
  }

  function show(item) {
    var empty = feed.querySelector(".empty");
    if (empty) { empty.remove(); }
    var li = document.createElement("li");
    li.className = "fresh";
    li.setAttribute("data-type", item.type);
    li.setAttribute("data-id", item.id);
    var time = document.createElement("time");
    var when = new Date(item.time);
    time.dateTime = item.time;
    time.textContent = when.toLocaleTimeString(lang === "en" ? "en-GB" : "fr-FR",
      { timeZone: "Europe/Paris" });
    var title = document.createElement("strong");
    title.textContent = item.title;
    li.append(time, title);
    if (item.summary) {
      var summary = document.createElement("span");
      summary.textContent = item.summary;
      li.append(summary);
    }
    feed.prepend(li);
    while (feed.children.length > KEEP) { feed.lastElementChild.remove(); }
  }

  setStatus("connecting");
  var source = new EventSource(base + "/api/events/stream?lang=" + lang);
  source.addEventListener("state", function (message) {
    setStatus(JSON.parse(message.data).state === "ready" ? "ready" : "waiting");
  });
  source.addEventListener("feed", function (message) {
    show(JSON.parse(message.data));
    refreshFigures();
  });
  source.onerror = function () { setStatus("waiting"); };
}());
