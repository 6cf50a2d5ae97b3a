// The line-number gutter of the file editor: follows the text's scrolling, grows and shrinks with
// it, and scrolls a line into view when the page is opened at #L<n> (links from validation).
(function () {
  var editor = document.getElementById('editor');
  var gutter = document.getElementById('gutter');
  if (!editor || !gutter) { return; }
  var LINE = 20; // px, as in cocare.css
  function renumber() {
    var lines = editor.value.split('\n').length;
    while (gutter.children.length < lines) {
      var li = document.createElement('li');
      li.textContent = String(gutter.children.length + 1);
      gutter.appendChild(li);
    }
    while (gutter.children.length > lines) { gutter.removeChild(gutter.lastChild); }
  }
  editor.addEventListener('input', renumber);
  editor.addEventListener('scroll', function () { gutter.scrollTop = editor.scrollTop; });
  function goToHash() {
    var m = /^#L(\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var line = parseInt(m[1], 10);
    editor.scrollTop = Math.max(0, (line - 5) * LINE);
    gutter.scrollTop = editor.scrollTop;
    var start = 0;
    var text = editor.value;
    for (var i = 1; i < line && start >= 0; i++) { start = text.indexOf('\n', start) + 1; }
    var end = text.indexOf('\n', start);
    editor.focus();
    editor.setSelectionRange(start, end < 0 ? text.length : end);
    editor.scrollTop = Math.max(0, (line - 5) * LINE);
  }
  window.addEventListener('hashchange', goToHash);
  renumber();
  goToHash();
})();
