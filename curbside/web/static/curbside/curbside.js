/* Curbside: small progressive enhancements. Every page works without this file.

   Helpful votes without a reload
   ------------------------------
   A form with data-enhance="helpful" is submitted with fetch() and the header
   "Accept: application/json"; the server answers {"helpful": bool, "count": int}.
   Then, inside the form:
     - the submit button gets aria-pressed="true|false" and, if it carries
       data-label-on / data-label-off, the matching label;
     - elements with [data-helpful-count] or [data-count] show the new count;
     - a hidden input with [data-helpful-next] gets the next action's value
       (data-value-on / data-value-off, default "unmark" / "mark");
   and anywhere on the page, elements with data-helpful-count-for="<answer id>"
   (the form's data-answer) show the count with their data-text-one /
   data-text-many pattern ("%s" is replaced by the number).
   If the server refuses or cannot be reached, the form is submitted the ordinary
   way so the server's page explains what happened.
*/
(function () {
  "use strict";

  var live;
  function announce(text) {
    if (!text) return;
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function countText(el, count) {
    var pattern = count === 1 ? el.getAttribute("data-text-one") : el.getAttribute("data-text-many");
    return pattern ? pattern.replace("%s", String(count)) : String(count);
  }

  function applyHelpful(form, data) {
    var helpful = !!data.helpful;
    var count = Number(data.count) || 0;
    form.setAttribute("data-helpful", helpful ? "true" : "false");
    var button = form.querySelector('[type="submit"]');
    if (button) {
      button.setAttribute("aria-pressed", helpful ? "true" : "false");
      var label = button.getAttribute(helpful ? "data-label-on" : "data-label-off");
      if (label) button.textContent = label;
    }
    form.querySelectorAll("[data-helpful-count], [data-count]").forEach(function (el) {
      el.textContent = countText(el, count);
    });
    form.querySelectorAll("[data-helpful-next]").forEach(function (input) {
      input.value = helpful
        ? input.getAttribute("data-value-on") || "unmark"
        : input.getAttribute("data-value-off") || "mark";
    });
    var answer = form.getAttribute("data-answer");
    if (answer) {
      document.querySelectorAll('[data-helpful-count-for="' + CSS.escape(answer) + '"]').forEach(function (el) {
        el.textContent = countText(el, count);
      });
    }
    announce(button ? button.textContent : "");
  }

  function enhanceHelpful(form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector('[type="submit"]');
      if (button) button.setAttribute("aria-busy", "true");
      // getAttribute: a field named "action" would shadow form.action.
      fetch(form.getAttribute("action") || window.location.href, {
        method: (form.getAttribute("method") || "post").toUpperCase(),
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (response.ok && type.indexOf("application/json") !== -1) {
            return response.json().then(function (data) { applyHelpful(form, data); });
          }
          if (response.ok) {
            // The vote was taken but the server answered with a page: show it.
            window.location.assign(response.url);
            return null;
          }
          // Refused (log in first, too many votes, …): let the server explain.
          HTMLFormElement.prototype.submit.call(form);
          return null;
        })
        .catch(function () { HTMLFormElement.prototype.submit.call(form); })
        .finally(function () { if (button) button.removeAttribute("aria-busy"); });
    });
  }

  function init() {
    document.querySelectorAll('form[data-enhance="helpful"]').forEach(enhanceHelpful);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
