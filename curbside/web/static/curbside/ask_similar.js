/* Curbside: answered questions that look like the one being typed, on the ask
   page. The page works without this file: the server shows the same list once,
   before posting, when the asker has not seen it.

   A moment after the asker stops typing a question long enough to compare, the
   title and the start of the details go to the form's data-similar-url (GET).
   The answer ({count, html, seen}) fills [data-similar-live], a polite live
   region moved just below the question field, and its "seen" ids go into the
   form's similar_seen field: posting then needs no review step for them. The
   list is rendered and translated by the server; a failed request changes
   nothing, and the server checks again on submit.
*/
(function () {
  "use strict";

  var DELAY_MS = 400;
  var MIN_CHARS = 12;
  var MIN_WORDS = 3;
  // The match rests on the title and the start of the details; an address has
  // a length limit, so only the start is sent.
  var DETAILS_CHARS = 1000;
  var DETAILS_ENCODED_MAX = 3000;

  var form = document.getElementById("ask-form");
  if (!form || !form.dataset.similarUrl || !window.fetch || !window.AbortController) {
    return;
  }
  var title = form.elements.namedItem("title");
  var body = form.elements.namedItem("body");
  var seen = form.elements.namedItem("similar_seen");
  var live = form.querySelector("[data-similar-live]");
  if (!title || !body || !live) return;

  // Just below the question field, where the asker is looking.
  var field = title.closest(".field") || title;
  field.parentNode.insertBefore(live, field.nextSibling);

  var timer = null;
  var controller = null;
  var lastQuery = null;
  var shown = null; // the ids listed now; null until the first answer

  function longEnough(text) {
    return text.length >= MIN_CHARS || text.split(/\s+/).length >= MIN_WORDS;
  }

  function detailsStart() {
    var text = Array.from(body.value.trim()).slice(0, DETAILS_CHARS).join("");
    while (text && encodeURIComponent(text).length > DETAILS_ENCODED_MAX) {
      text = Array.from(text).slice(0, Math.floor(text.length * 0.75)).join("");
    }
    return text;
  }

  function dropStep() {
    // The list as typed replaces the one shown on the last submit.
    var step = form.querySelector("[data-similar-step]");
    if (step) step.remove();
    var note = document.querySelector("[data-similar-note]");
    if (note) note.remove();
    var button = form.querySelector("[data-post-label]");
    if (button) button.textContent = button.dataset.postLabel;
  }

  function show(result) {
    if (seen) seen.value = result.seen;
    if (result.seen === shown) return; // the same list: nothing new to announce
    shown = result.seen;
    dropStep();
    var holder = document.createElement("template");
    holder.innerHTML = result.html; // rendered and escaped by the server
    live.textContent = "";
    live.appendChild(holder.content);
  }

  function clear() {
    if (controller) controller.abort();
    controller = null;
    lastQuery = null;
    if (shown) live.textContent = "";
    shown = "";
    if (seen) seen.value = "";
  }

  function run() {
    var text = title.value.trim();
    if (!longEnough(text)) {
      clear();
      return;
    }
    var query = new URLSearchParams({ title: text, details: detailsStart() });
    var key = query.toString();
    if (key === lastQuery) return;
    lastQuery = key;
    if (controller) controller.abort();
    var mine = (controller = new AbortController());
    fetch(form.dataset.similarUrl + "?" + key, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: mine.signal
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        return response.ok && type.indexOf("json") >= 0 ? response.json() : null;
      })
      .then(function (result) {
        if (mine !== controller) return;
        controller = null;
        if (result) show(result);
        else lastQuery = null; // try again on the next change
      })
      .catch(function () {
        // Aborted for a newer request, or offline: the form works as before.
        if (mine === controller) {
          controller = null;
          lastQuery = null;
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DELAY_MS);
  }

  title.addEventListener("input", schedule);
  body.addEventListener("input", schedule);
})();
