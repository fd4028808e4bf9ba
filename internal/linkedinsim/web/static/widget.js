/*
 * LinkedIn simulator: runs inside the onboarding widget's iframe. The server verified
 * the embedding origin against the application's valid JavaScript SDK domains and
 * wrote it to <html data-embed-origin>; every message goes to that origin only.
 */
(function () {
  "use strict";
  var origin = document.documentElement.getAttribute("data-embed-origin");
  if (!origin || window.parent === window) {
    return;
  }
  function post(msg) {
    window.parent.postMessage(msg, origin);
  }
  var handoff = document.getElementById("li-integrate");
  if (handoff) {
    post({ type: "IN.onintegrate", payload: JSON.parse(handoff.getAttribute("data-payload")) });
  }
  post({ type: "IN.resize", height: document.documentElement.scrollHeight });
})();
