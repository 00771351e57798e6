// Keeps the facilitator's live view current through Server-Sent Events (no polling).
"use strict";
(function () {
  var root = document.getElementById("live");
  var content = document.getElementById("live-content");
  if (!root || !content || !window.EventSource) { return; }
  var source = new EventSource(root.dataset.events);
  source.addEventListener("live", function (message) {
    var data = JSON.parse(message.data);
    // the fragment is rendered and escaped by the server's templates
    content.innerHTML = data.html;
    root.dataset.respondents = String(data.respondents);
    if (data.closed) { source.close(); }
  });
})();
