/*
 * LinkedIn simulator: the JavaScript SDK loader (platform.linkedin.com/xdoor/scripts/in.js).
 *
 * Usage, as LinkedIn documents it (rsc-api.md §5.1):
 *
 *   <script src="{simulator}/xdoor/scripts/in.js">
 *     api_key: {child application client id}
 *     extensions: ATSIntegrationWidget@{any URL; the simulator has the widget built in}
 *   </script>
 *   <script type="IN/ATSIntegrationWidget"
 *     data-supported-bundled-integration-types="RECRUITER_SYSTEM_CONNECT_COMPANY,RECRUITER_SYSTEM_CONNECT_CONTRACT"
 *     data-onintegrate="integrationRequest" data-width="500"></script>
 *
 * The api_key may also be given as data-api-key on the loader, and any element with
 * data-in-widget="ATSIntegrationWidget" and the same data attributes is a widget too.
 * Each widget becomes an iframe of the simulator's widget page. The page is told this
 * page's origin, refuses to render unless the origin is one of the application's valid
 * JavaScript SDK domains, and sends its messages to that origin only. This loader
 * accepts messages only from the simulator's origin and from its own iframes, then
 * calls the global function named by data-onintegrate with the integration request.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src) {
    return;
  }
  var base = new URL(me.src, location.href).origin;
  var config = parseConfig(me.textContent || "");
  var apiKey = me.getAttribute("data-api-key") || config.api_key || "";
  var widgets = [];

  function parseConfig(text) {
    var out = {};
    text.split(/[\n;]/).forEach(function (line) {
      var i = line.indexOf(":");
      if (i > 0) {
        out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
    });
    return out;
  }

  function callbackOf(name) {
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
      return null;
    }
    var fn = window[name];
    return typeof fn === "function" ? fn : null;
  }

  function render(tag) {
    if (tag.getAttribute("data-in-rendered")) {
      return;
    }
    tag.setAttribute("data-in-rendered", "true");
    var width = parseInt(tag.getAttribute("data-width"), 10);
    if (!(width >= 200 && width <= 2000)) {
      width = 500;
    }
    var query = new URLSearchParams({
      api_key: apiKey,
      origin: location.origin,
      types: tag.getAttribute("data-supported-bundled-integration-types") || ""
    });
    var frame = document.createElement("iframe");
    frame.src = base + "/xdoor/widget/onboarding?" + query.toString();
    frame.title = "LinkedIn: integrate your ATS with Recruiter";
    frame.width = String(width);
    frame.style.border = "0";
    frame.style.height = "440px";
    frame.style.maxWidth = "100%";
    frame.setAttribute("data-in-widget-frame", "ATSIntegrationWidget");
    tag.parentNode.insertBefore(frame, tag.nextSibling);
    widgets.push({ frame: frame, onintegrate: tag.getAttribute("data-onintegrate") });
  }

  function scan() {
    var tags = document.querySelectorAll(
      'script[type="IN/ATSIntegrationWidget"], [data-in-widget="ATSIntegrationWidget"]');
    Array.prototype.forEach.call(tags, render);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== base) {
      return;
    }
    var msg = event.data;
    if (!msg || typeof msg !== "object") {
      return;
    }
    widgets.forEach(function (w) {
      if (event.source !== w.frame.contentWindow) {
        return;
      }
      if (msg.type === "IN.resize" && typeof msg.height === "number") {
        w.frame.style.height = Math.min(Math.max(msg.height, 120), 2000) + "px";
      } else if (msg.type === "IN.onintegrate" && msg.payload && typeof msg.payload === "object") {
        var fn = callbackOf(w.onintegrate);
        if (fn) {
          fn(msg.payload);
        }
      }
    });
  });

  window.IN = window.IN || {};
  window.IN.parse = scan;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
