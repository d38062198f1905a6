'use strict';
// The demo page: runs an action, then shows its steps as the walkthroughs do. No inline script.
(function () {
  const $ = (id) => document.getElementById(id);
  let polling = null;

  function text(tag, value, cls) {
    const e = document.createElement(tag);
    e.textContent = value;
    if (cls) { e.className = cls; }
    return e;
  }

  function table(rows) {
    const t = document.createElement('table');
    for (const [k, v] of rows) {
      const tr = document.createElement('tr');
      tr.appendChild(text('th', k));
      tr.appendChild(text('td', typeof v === 'object' ? JSON.stringify(v) : String(v), 'v'));
      t.appendChild(tr);
    }
    return t;
  }

  function statusClass(s) {
    if (s >= 200 && s < 300 && s !== 202) { return 'status-2xx'; }
    if (s === 202) { return 'status-202'; }
    if (s === 401) { return 'status-401'; }
    return 'status-4xx';
  }

  function renderStep(step) {
    const li = document.createElement('li');
    const ms = text('span', '+' + step.atMillis + ' ms', 'ms');
    if (step.kind === 'exchange') {
      li.className = statusClass(step.status);
      const head = text('div', step.method + ' ' + step.url + ' \u2192 ' + step.status, 'step-head');
      head.appendChild(text('span', '(' + step.millis + ' ms)', 'ms'));
      head.appendChild(ms);
      li.appendChild(head);
      li.appendChild(text('div', 'request (' + step.party + ')'));
      li.appendChild(table(Object.entries(step.requestHeaders || {})));
      if (step.requestBody) { li.appendChild(text('pre', step.requestBody)); }
      li.appendChild(text('div', 'response'));
      li.appendChild(table(Object.entries(step.responseHeaders || {})));
      if (step.responseBody) { li.appendChild(text('pre', step.responseBody)); }
    } else if (step.kind === 'token') {
      li.className = 'token';
      const head = text('div', 'decoded ' + step.token + ' token', 'step-head');
      head.appendChild(ms);
      li.appendChild(head);
      li.appendChild(table(Object.entries(step.claims || {})));
    } else {
      li.className = 'note';
      li.appendChild(text('span', step.text));
      li.appendChild(ms);
    }
    return li;
  }

  function render(flow) {
    const steps = $('steps');
    steps.replaceChildren(...flow.steps.map(renderStep));
    const chain = flow.result && flow.result.callChainSteps ? flow.result.callChainSteps : [];
    $('chain').replaceChildren(...chain.map(renderStep));
    $('chain-section').hidden = chain.length === 0;
    const box = $('interaction');
    if (flow.interaction && flow.state === 'waiting') {
      box.hidden = false;
      $('interaction-link').href = flow.interaction.userUrl;
      $('interaction-link').textContent = flow.interaction.url;
      $('interaction-code').textContent = flow.interaction.code;
      if ($('interaction-qr').getAttribute('src') !== flow.interaction.qr) {
        $('interaction-qr').src = flow.interaction.qr;
      }
    } else {
      box.hidden = true;
    }
    $('status').textContent = flow.state + (flow.totalMillis != null ? ' in ' + flow.totalMillis + ' ms' : '')
      + (flow.draft ? ' (' + flow.draft + ')' : '');
    $('result').textContent = flow.error ? flow.error : (flow.result ? JSON.stringify(flow.result, null, 2) : '');
    const busy = flow.state === 'running' || flow.state === 'waiting';
    $('optimize').disabled = busy;
    $('orders').disabled = busy;
    return busy;
  }

  // keeps following the flow through a server restart (the backend resumes it under the same id)
  async function poll(id, failures = 0) {
    try {
      const r = await fetch('/demo/api/flows/' + encodeURIComponent(id));
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      const flow = await r.json();
      if (render(flow)) {
        polling = setTimeout(() => poll(id), 1000);
      }
    } catch (e) {
      if (failures < 120) {
        $('status').textContent = 'waiting for the server (' + e.message + ')';
        polling = setTimeout(() => poll(id, failures + 1), 1000);
      } else {
        $('status').textContent = 'lost the flow: ' + e.message;
      }
    }
  }

  async function start(action) {
    clearTimeout(polling);
    $('steps').replaceChildren();
    $('result').textContent = '';
    $('chain').replaceChildren();
    $('status').textContent = 'running';
    $('optimize').disabled = true;
    $('orders').disabled = true;
    try {
      const params = new URLSearchParams();
      if ($('fresh').checked) { params.set('fresh', 'true'); }
      params.set('draft', $('draft').value);
      const query = '?' + params.toString();
      const r = await fetch('/demo/api/' + action + query, { method: 'POST' });
      const flow = await r.json();
      if (render(flow)) { poll(flow.id); }
    } catch (e) {
      $('status').textContent = 'failed: ' + e;
      $('optimize').disabled = false;
      $('orders').disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('optimize').addEventListener('click', () => start('optimize'));
    $('orders').addEventListener('click', () => start('orders'));
    // the Person Server's redirect after the decision (the agent's callback, seed 004): follow that flow
    const back = new URLSearchParams(window.location.search).get('flow');
    if (back) {
      $('returned').hidden = false;
      poll(back);
    }
  });
}());
