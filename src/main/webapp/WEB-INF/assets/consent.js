// The consent page's only script (no inline script: Content-Security-Policy script-src 'self').
// While the person's question waits for the agent, poll /interaction/status and show the answer as
// text (textContent: the answer is never parsed as markup).
(function () {
  'use strict';
  var box = document.getElementById('clarify');
  if (!box || box.getAttribute('data-awaiting') !== 'true') {
    return;
  }
  var url = box.getAttribute('data-status-url');
  var answer = document.getElementById('answer');
  var waiting = document.getElementById('waiting');
  var tries = 0;
  function poll() {
    tries++;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return schedule(); }
        if (typeof s.answer === 'string') {
          answer.textContent = s.answer;
          waiting.classList.add('is-hidden');
          box.setAttribute('data-awaiting', 'false');
          box.setAttribute('data-answered', 'true');
          return;
        }
        if (s.status !== 'interacting' && s.status !== 'pending') {
          waiting.textContent = 'This request has ended (' + s.status + ').';
          return;
        }
        schedule();
      })
      .catch(schedule);
  }
  function schedule() {
    if (tries < 600) {
      window.setTimeout(poll, tries < 30 ? 1000 : 3000);
    }
  }
  schedule();
}());
