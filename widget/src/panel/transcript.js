// The transcript's bubbles. A message from the server comes by the history, the live stream or a turn's answer, and is
// shown once whichever path brings it first; its seq tells the live stream where to pick up.
import { el } from './dom.js';
import { feedbackButtons, feedbackStrings } from './feedback.js';

/** rate(messageId, rating) posts an answer's 👍/👎; arrived(message) hears of every message that comes live. */
export function createTranscript({ messages, typing }, t, name, lang, { rate, arrived }) {
  const seen = new Set();
  const ft = feedbackStrings(lang);
  let lastSeq = 0;

  function bubble(role, text, citations) {
    const node = el('div', 'msg ' + role);
    const who = role === 'visitor' ? el('span', 'sr-only', t.you) : el('span', 'who', role === 'agent' ? t.team : name);
    node.append(who, el('p', 'bubble', text));
    if (citations && citations.length) {
      node.append(el('p', 'sources', t.sources + ' ' + citations.map((c) => c.title).join(' · ')));
    }
    return node;
  }

  /** An assistant answer gets its 👍/👎 buttons (feedback.js). */
  function rateable(node, messageId) {
    if (messageId) {
      node.append(feedbackButtons(ft, (rating) => rate(messageId, rating)));
    }
    return node;
  }

  /** Adds a node at the end (before the typing dots, while they show) and scrolls to it. */
  function append(node) {
    messages.insertBefore(node, typing.parentNode === messages ? typing : null);
    scrollDown();
  }

  function scrollDown() {
    messages.scrollTop = messages.scrollHeight;
  }

  /** A message from the server (history or the live stream), shown once whatever the path it came by. */
  function render(message, live) {
    if (seen.has(message.message_id)) {
      return;
    }
    seen.add(message.message_id);
    lastSeq = Math.max(lastSeq, message.seq || 0);
    const node = message.role === 'system' ? el('p', 'system', message.text) : bubble(message.role, message.text, message.citations);
    append(message.role === 'assistant' ? rateable(node, message.message_id) : node);
    if (live) {
      arrived({ role: message.role, text: message.text, message_id: message.message_id });
    }
  }

  return {
    bubble,
    rateable,
    append,
    scrollDown,
    render,
    /** A line from the widget itself (e.g. "your earlier conversation could not be restored"). */
    say: (text) => append(el('p', 'system', text)),
    shown: (messageId) => seen.has(messageId),
    markShown: (messageId) => seen.add(messageId),
    lastSeq: () => lastSeq,
    /** Empties the transcript down to the greeting (another visitor, or none). */
    startOver(greeting) {
      seen.clear();
      lastSeq = 0;
      messages.replaceChildren();
      append(bubble('assistant', greeting));
    },
  };
}
