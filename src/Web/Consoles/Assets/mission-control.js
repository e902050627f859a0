// Mission Control's live parts: the tenant's event stream (GET /api/chat/events, server-sent events, the API's own)
// keeps the conversation list and an open transcript current without a reload. EventSource reconnects by itself and
// resumes from the last event id, so nothing is missed across a dropped connection.
'use strict';
(function () {
  var list = document.querySelector('[data-live-list]');
  var transcript = document.querySelector('[data-live-transcript]');
  if (!list && !transcript) return;
  var state = document.querySelector('[data-live-state]');
  var labels = { human: 'human', waiting: 'waiting for a human', assistant: 'assistant' };
  var who = { visitor: 'Visitor', assistant: 'Assistant', agent: 'Agent', system: 'Bob' };

  function setBadge(badge, status) {
    if (!badge) return;
    badge.className = 'badge ' + status;
    badge.textContent = labels[status] || status;
  }

  function onListEvent(type, event) {
    var id = event.session_id;
    var row = list.querySelector('tr[data-session="' + CSS.escape(id) + '"]');
    if (!row) {
      if (type !== 'message' || list.getAttribute('data-filtered') === 'true') return;
      row = document.createElement('tr');
      row.setAttribute('data-session', id);
      row.innerHTML = '<td><a></a> <span class="muted preview" data-preview></span></td><td><span class="badge assistant" data-status-badge>assistant</span></td>' +
        '<td><time data-time></time></td><td data-count>0</td>';
      var link = row.querySelector('a');
      link.href = '/mission-control/' + encodeURIComponent(id);
      link.textContent = 'Visitor conversation';
      var empty = document.querySelector('[data-empty]');
      if (empty) empty.remove();
      if (state) state.textContent = 'New conversation.';
    }
    if (type === 'message' && event.message) {
      row.querySelector('[data-preview]').textContent = event.message.text.slice(0, 120);
      var time = row.querySelector('[data-time]');
      time.setAttribute('datetime', event.at);
      time.textContent = new Date(event.at).toISOString().replace('T', ' ').slice(0, 19);
      var count = row.querySelector('[data-count]');
      count.textContent = String(Math.max(Number(count.textContent) || 0, event.message.seq));
    }
    if (event.status) setBadge(row.querySelector('[data-status-badge]'), event.status);
    list.insertBefore(row, list.firstChild);
  }

  function onTranscriptEvent(type, event) {
    if (event.session_id !== transcript.getAttribute('data-live-transcript')) return;
    if (event.status) {
      setBadge(document.querySelector('[data-status-badge]'), event.status);
      document.querySelectorAll('[data-when-human]').forEach(function (f) { f.hidden = event.status !== 'human'; });
      document.querySelectorAll('[data-when-not-human]').forEach(function (f) { f.hidden = event.status === 'human'; });
    }
    var message = event.message;
    if (type !== 'message' || !message) return;
    if (message.seq <= Number(transcript.getAttribute('data-last-seq'))) return;
    transcript.setAttribute('data-last-seq', String(message.seq));
    var item = document.createElement('div');
    item.className = 'msg ' + message.role;
    item.setAttribute('data-seq', String(message.seq));
    var label = document.createElement('span');
    label.className = 'who';
    label.textContent = message.role === 'agent' && message.author ? message.author : (who[message.role] || message.role);
    item.appendChild(label);
    item.appendChild(document.createTextNode(message.text));
    (message.citations || []).forEach(function (c) {
      var cite = document.createElement('span');
      cite.className = 'cite'; cite.textContent = 'Source: ' + c.title;
      item.appendChild(cite);
    });
    transcript.appendChild(item);
    transcript.scrollTop = transcript.scrollHeight;
  }

  var source = new EventSource('/api/chat/events');
  ['message', 'status'].forEach(function (type) {
    source.addEventListener(type, function (e) {
      var event = JSON.parse(e.data);
      if (list) onListEvent(type, event);
      if (transcript) onTranscriptEvent(type, event);
    });
  });
  source.addEventListener('error', function () {
    if (state) state.textContent = source.readyState === EventSource.CLOSED ? 'Live updates stopped: reload the page.' : 'Reconnecting…';
  });
  source.addEventListener('open', function () {
    if (state) state.textContent = 'Live: conversations appear and update here as they happen.';
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
