// Consensus box: following a name marks the quoted sentence in that answer, for
// browsers that do not highlight text fragments (#answer-12:~:text=...).
(function () {
  "use strict";

  function clearMarks() {
    document.querySelectorAll("mark.consensus-mark").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function markSentence(answer, sentence) {
    var body = answer.querySelector(".answer__body") || answer;
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var probe = sentence.slice(0, 60);
    var node;
    while ((node = walker.nextNode())) {
      var at = node.data.indexOf(probe);
      if (at === -1) continue;
      var end = Math.min(node.data.length, at + sentence.length);
      var range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, end);
      var mark = document.createElement("mark");
      mark.className = "consensus-mark";
      range.surroundContents(mark);
      mark.scrollIntoView({ block: "center" });
      return true;
    }
    return false;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-sentence]");
    if (!link) return;
    var answer = document.getElementById("answer-" + link.dataset.answer);
    if (!answer) return;
    clearMarks();
    if (markSentence(answer, link.dataset.sentence)) {
      event.preventDefault();
      history.replaceState(null, "", "#answer-" + link.dataset.answer);
    }
  });
})();
