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
