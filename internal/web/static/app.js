/*
 * Attractor's small behaviours, progressive: every page works without
 * this file. Kept free of inline handlers so the Content-Security-Policy
 * can forbid inline scripts.
 *
 * data-confirm on a form asks before it is submitted (closing a job,
 * rejecting, deleting).
 *
 * attractorLinkedInIntegrate is the data-onintegrate callback of
 * LinkedIn's onboarding widget on the admin LinkedIn tab (the CSP forbids
 * defining it inline). LinkedIn's in.js calls it with the request
 * ({organization, contract, requestId, bundle, integrationTypes}); it
 * posts that to Attractor through the tab's hidden #linkedin-request form,
 * so the answer is an ordinary post/redirect/get.
 */
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      ev.preventDefault();
    }
  }, true);

  function text(v) {
    return typeof v === "string" ? v : "";
  }

  window.attractorLinkedInIntegrate = function (req) {
    var form = document.getElementById("linkedin-request");
    if (!form || !req || typeof req !== "object") {
      return;
    }
    ["organization", "contract", "requestId", "bundle"].forEach(function (name) {
      form.elements[name].value = text(req[name]);
    });
    var types = Array.isArray(req.integrationTypes) ? req.integrationTypes : [];
    types.forEach(function (t) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "integrationTypes";
      input.value = text(t);
      form.appendChild(input);
    });
    form.submit();
  };
})();
