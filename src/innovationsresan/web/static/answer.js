// Saves each answer the moment it is given; the form's buttons still post everything.
"use strict";
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".saved");
  function show(text) { if (status) { status.textContent = text; } }
  form.addEventListener("change", function () {
    var data = new FormData(form);
    data.set("go", "stay");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      show(response.ok ? status.dataset.savedText : status.dataset.failedText);
    }).catch(function () { show(status.dataset.failedText); });
  });
})();
