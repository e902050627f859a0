// Where the visitor writes: a textarea that grows with its text (up to 120 px); Enter sends, Shift+Enter breaks the
// line. It takes at most MESSAGE_MAX characters, the server's own limit (ChatLimits.MessageMax), which build.mjs
// puts in.
/* global MESSAGE_MAX */
import { svg } from '../icons.js';
import { el } from './dom.js';

/** send(text) gets what the visitor wrote; the field is emptied at once. */
export function createComposer(t, send) {
  const form = el('form', 'composer');
  const label = el('label', 'sr-only', t.inputLabel);
  label.htmlFor = 'bob-input';
  const input = el('textarea');
  input.id = 'bob-input';
  input.rows = 1;
  input.maxLength = MESSAGE_MAX;
  input.placeholder = t.placeholder;
  input.setAttribute('enterkeyhint', 'send');
  const sendButton = el('button', 'send');
  sendButton.type = 'submit';
  sendButton.setAttribute('aria-label', t.send);
  sendButton.append(svg('send'));
  form.append(label, input, sendButton);

  function resize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    resize();
    send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  input.addEventListener('input', resize);

  return {
    form,
    focus: () => input.focus(),
    /** While a turn is under way the send button says so (aria-disabled); what is sent meanwhile waits its turn. */
    busy(on) {
      if (on) {
        sendButton.setAttribute('aria-disabled', 'true');
      } else {
        sendButton.removeAttribute('aria-disabled');
      }
    },
  };
}
