// Shows the plan's check while the group types; saving is still the form's own button.
"use strict";
(function () {
  var form = document.querySelector("form[data-check]");
  var box = document.getElementById("plan-problems");
  if (!form || !box || !window.fetch || !window.FormData) { return; }
  var timer = null;
  function render(problems) {
    box.textContent = "";
    if (!problems.length) {
      var none = document.createElement("p");
      none.textContent = box.dataset.none;
      box.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "problems";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = p.severity;
      item.dataset.code = p.code;
      var label = document.createElement("strong");
      label.textContent = p.severity === "error" ? box.dataset.error : box.dataset.warning;
      item.appendChild(label);
      item.appendChild(document.createTextNode(" " + p.location + ": " + p.message + " "));
      var code = document.createElement("span");
      code.className = "id";
      code.textContent = "[" + p.code + "]";
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  function check() {
    fetch(form.dataset.check, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data) { render(data.problems); }
    }).catch(function () { /* the saved check stays shown */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
})();
