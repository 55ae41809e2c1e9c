// Live pages. The page names the stream of changes it shows (data-stream on
// <main>; an event's page also names its event, data-event). When a change
// it shows arrives, the page is fetched again and its <main> swapped in, so
// the page reads exactly as a reload would make it. Without JavaScript the
// pages are the same, only not live.
(function () {
  "use strict";
  var main = document.querySelector("main[data-stream]");
  if (!main || !window.EventSource || !window.fetch) return;
  var eventId = main.getAttribute("data-event");
  var waiting = null;

  function shown(change) {
    if (!eventId) return true; // the events list: any change may reorder it
    var changed = change.changed || {};
    return change.event.id === eventId ||
      changed.merged_from === eventId || changed.split_into === eventId;
  }

  function refresh() {
    waiting = null;
    fetch(window.location.href, { headers: { Accept: "text/html" } })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (!html) return;
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("main");
        if (!fresh) return;
        main.innerHTML = fresh.innerHTML;
        main.setAttribute("data-updated", new Date().toISOString());
      })
      .catch(function () { /* the next change tries again */ });
  }

  var stream = new EventSource(main.getAttribute("data-stream"));
  stream.addEventListener("change", function (message) {
    var change = JSON.parse(message.data);
    // Changes come in bursts (an article is grew and new_language at once): one fetch.
    if (shown(change) && waiting === null) waiting = setTimeout(refresh, 250);
  });
})();
