/*
 * Attractor's small behaviours, progressive: every page works without
 * this file. Kept free of inline handlers so the Content-Security-Policy
 * can forbid inline scripts.
 *
 * data-confirm on a form asks before it is submitted (closing a job,
 * rejecting, deleting).
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
})();
