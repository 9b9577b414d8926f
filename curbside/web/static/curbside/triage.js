/* Curbside: the live check on the ask page. The page works without this file:
   the server checks the question again on every submit.

   The form (#ask-form, with data-triage-url) posts its title and body to the
   check endpoint a moment after the asker stops typing. The answer
   ({level, crisis, spans, personal_data, reviewed_token}) fills:
     - [data-triage-guidance]: the emergency or see-a-doctor advice, cloned from
       <template data-triage-template="emergency|urgent">;
     - [data-triage-ack]: the acknowledgement box, shown for emergencies;
     - [data-triage-pii]: the personal details found, each with a button that
       replaces it in place with its placeholder ("[phone number]"), and
       "Replace all"; showing them marks the text as reviewed (pii_reviewed).
   All words come from the templates; user text is set with textContent only.
*/
(function () {
  "use strict";

  var form = document.getElementById("ask-form");
  if (!form || !form.dataset.triageUrl || !window.fetch) return;
  var title = form.elements.namedItem("title");
  var body = form.elements.namedItem("body");
  var reviewed = form.elements.namedItem("pii_reviewed");
  var guidance = document.querySelector("[data-triage-guidance]");
  var ack = form.querySelector("[data-triage-ack]");
  var pii = form.querySelector("[data-triage-pii]");
  if (!title || !body) return;

  var timer = null;
  var sequence = 0;
  var last = null;

  function template(name) {
    var t = document.querySelector('template[data-triage-template="' + name + '"]');
    return t ? t.content.firstElementChild.cloneNode(true) : null;
  }

  function fieldFor(name) {
    return name === "title" ? title : body;
  }

  function showGuidance(result) {
    if (!guidance) return;
    guidance.textContent = "";
    var node = null;
    if (result.level === "emergency") {
      node = template("emergency");
      if (node) {
        if (result.crisis) node.querySelector("[data-crisis]").hidden = false;
        var words = [];
        result.spans.forEach(function (span) {
          if (words.indexOf(span.text) < 0) words.push(span.text);
        });
        if (words.length) {
          var holder = node.querySelector("[data-hits]");
          words.forEach(function (word, i) {
            var mark = document.createElement("mark");
            mark.textContent = word;
            if (i) holder.appendChild(document.createTextNode(", "));
            holder.appendChild(mark);
          });
          node.querySelector("[data-hits-line]").hidden = false;
        }
      }
    } else if (result.level === "urgent") {
      node = template("urgent");
    }
    if (node) guidance.appendChild(node);
    if (ack) ack.hidden = result.level !== "emergency";
  }

  function replaceSpans(findings) {
    ["title", "body"].forEach(function (name) {
      var field = fieldFor(name);
      var text = field.value;
      findings
        .filter(function (f) { return f.field === name; })
        .sort(function (a, b) { return b.start - a.start; })
        .forEach(function (f) {
          if (text.slice(f.start, f.end) === f.text) {
            text = text.slice(0, f.start) + f.placeholder + text.slice(f.end);
          }
        });
      field.value = text;
    });
    check(true);
  }

  function showPii(result) {
    if (!pii) return;
    pii.textContent = "";
    var findings = result.personal_data || [];
    if (!findings.length) {
      if (reviewed) reviewed.value = result.reviewed_token;
      return;
    }
    var node = template("pii");
    var item = document.querySelector('template[data-triage-template="pii-item"]');
    if (!node || !item) return;
    var list = node.querySelector("[data-items]");
    findings.forEach(function (finding) {
      var li = item.content.firstElementChild.cloneNode(true);
      li.querySelector("[data-text]").textContent = finding.text;
      li.querySelector("[data-placeholder]").textContent = finding.placeholder;
      li.querySelector("[data-replace]").addEventListener("click", function () {
        replaceSpans([finding]);
      });
      list.appendChild(li);
    });
    node.querySelector("[data-replace-all]").addEventListener("click", function () {
      replaceSpans(findings);
    });
    pii.appendChild(node);
    // The asker has now seen what was found: posting keeps the text as it is.
    if (reviewed) reviewed.value = result.reviewed_token;
  }

  function check(now) {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, now ? 0 : 500);
  }

  function run() {
    var key = title.value + "\u0000" + body.value;
    if (key === last) return;
    last = key;
    var mine = ++sequence;
    var data = new FormData();
    data.append("title", title.value);
    data.append("body", body.value);
    var token = form.elements.namedItem("csrfmiddlewaretoken");
    fetch(form.dataset.triageUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": token ? token.value : ""
      }
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (!result || mine !== sequence) return;
        showGuidance(result);
        showPii(result);
      })
      .catch(function () { /* the server checks again on submit */ });
  }

  title.addEventListener("input", function () { check(false); });
  body.addEventListener("input", function () { check(false); });
})();
