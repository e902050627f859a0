// Bob's consoles: the one small script every page loads. Progressive: every form works without it.
// - [data-copy="#id"] buttons copy that element's text to the clipboard and say so.
// - forms with [data-confirm] ask before they post (rotate, revoke, remove).
// - a form being sent disables its submit button and says "Working…" (long work shows progress).
'use strict';
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) return;
  var source = document.querySelector(button.getAttribute('data-copy'));
  var status = document.getElementById(button.getAttribute('aria-describedby') || '') || button;
  var text = source ? (source.value !== undefined ? source.value : source.textContent) : '';
  var done = function (message) { status.textContent = message; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done('Copied.'); }, function () { done('Copy failed: select the text and copy it.'); });
  } else {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.className = 'sr-only';
    document.body.appendChild(area); area.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    document.body.removeChild(area); button.focus();
    done(copied ? 'Copied.' : 'Copy failed: select the text and copy it.');
  }
});
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) { event.preventDefault(); return; }
  var submit = form.querySelector('button[type="submit"], button:not([type])');
  if (submit && !form.hasAttribute('data-live')) {
    window.setTimeout(function () { submit.disabled = true; submit.setAttribute('aria-busy', 'true'); }, 0);
  }
});

// Widget Setup's preview: the key's colours (set from data attributes, since the page CSP forbids inline styles), and
// the name, greeting, colour and corner following the form as it is edited, before it is saved.
function readableTextOn(hex) {
  var channel = function (i) { var c = parseInt(hex.substr(i, 2), 16) / 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  var l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000'; // as ReadableColors.TextOn
}
function paintPreview(preview, primary, text) {
  ['.preview-header', '.preview-launcher'].forEach(function (part) {
    var element = preview.querySelector(part);
    if (element) { element.style.background = primary; element.style.color = text; }
  });
}
document.querySelectorAll('[data-preview]').forEach(function (preview) {
  paintPreview(preview, preview.getAttribute('data-primary'), preview.getAttribute('data-text'));
  var form = document.querySelector('[data-preview-form="' + preview.getAttribute('data-preview') + '"]');
  if (!form) return;
  var name = preview.querySelector('.preview-name');
  var greeting = preview.querySelector('.preview-greeting');
  var personaName = name.textContent;
  var defaultGreeting = greeting.textContent;
  form.addEventListener('input', function () {
    var shown = form.elements['appearance.displayName'].value.trim() || personaName;
    name.textContent = shown;
    greeting.textContent = form.elements['appearance.greeting'].value.trim() || defaultGreeting.replace(personaName, shown);
    var color = form.elements['appearance.primaryColor'].value;
    if (/^#[0-9a-fA-F]{6}$/.test(color)) paintPreview(preview, color, readableTextOn(color));
    preview.setAttribute('data-position', form.elements['appearance.position'].value);
  });
});

// The public chat on Bob's home page (path 1: POST /api/chat, same origin, the platform's assistant).
function appendMessage(log, role, who, text, citations) {
  var item = document.createElement('div');
  item.className = 'msg ' + role;
  var label = document.createElement('span');
  label.className = 'who'; label.textContent = who;
  item.appendChild(label);
  item.appendChild(document.createTextNode(text));
  (citations || []).forEach(function (c) {
    var cite = document.createElement('span');
    cite.className = 'cite'; cite.textContent = 'Source: ' + c.title;
    item.appendChild(cite);
  });
  log.appendChild(item);
  log.scrollTop = log.scrollHeight;
  return item;
}
document.querySelectorAll('[data-public-chat]').forEach(function (form) {
  var log = document.getElementById('public-chat-log');
  var sessionId = null;
  var visitorToken = null;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.elements.message;
    var text = input.value.trim();
    if (!text) return;
    var button = form.querySelector('button');
    appendMessage(log, 'visitor', 'You', text);
    input.value = ''; button.disabled = true;
    var body = { message: text, business_id: 'platform' };
    if (sessionId) { body.session_id = sessionId; body.visitor_token = visitorToken; }
    fetch('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (answer) {
        if (!answer.ok) { appendMessage(log, 'system', 'Bob', answer.json.detail || 'Bob could not answer.'); return; }
        sessionId = answer.json.session_id;
        // The first turn issues the conversation's visitor token; every later turn proves ownership with it.
        if (answer.json.visitor_token) visitorToken = answer.json.visitor_token;
        appendMessage(log, 'assistant', (answer.json.persona && answer.json.persona.name) || 'Bob', answer.json.reply, answer.json.citations);
      })
      .catch(function () { appendMessage(log, 'system', 'Bob', 'Bob could not be reached. Try again.'); })
      .then(function () { button.disabled = false; input.focus(); });
  });
});

// Knowledge's "try a question": the console chat path (POST /api/chat/message, the session cookie and the page's CSRF
// token), showing the grounded answer with the article it cites.
document.querySelectorAll('[data-try-question]').forEach(function (form) {
  var log = document.getElementById('try-answer');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.elements.message;
    var text = input.value.trim();
    if (!text) return;
    var button = form.querySelector('button');
    button.disabled = true;
    log.textContent = '';
    appendMessage(log, 'visitor', 'You', text);
    var thinking = appendMessage(log, 'system', 'Bob', 'Thinking…');
    fetch('/api/chat/message', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.elements._csrf.value },
      body: JSON.stringify({ message: text })
    })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (answer) {
        thinking.remove();
        if (!answer.ok) { appendMessage(log, 'system', 'Bob', answer.json.detail || 'No answer.'); return; }
        appendMessage(log, 'assistant', (answer.json.persona && answer.json.persona.name) || 'Assistant', answer.json.reply, answer.json.citations);
      })
      .catch(function () { thinking.remove(); appendMessage(log, 'system', 'Bob', 'Bob could not be reached. Try again.'); })
      .then(function () { button.disabled = false; });
  });
});
