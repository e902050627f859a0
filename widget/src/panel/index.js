// The chat panel, loaded by the loader on first open or when the browser is idle. It renders into the
// loader's shadow root, so no CSS crosses in either direction, and it only ever sets text (textContent),
// never markup: whatever a model or an agent writes is shown as text.
import { svg } from '../icons.js';
import { createClient } from './client.js';
import { conversationRating } from './ending.js';
import { feedbackButtons, feedbackStrings } from './feedback.js';
import { identityCommands, identityStore } from './identity.js';
import { conversationStore, newClientId } from './conversation.js';
import { keep, newConversation, pendingOf, settle } from './pending.js';
import { reconnectingText, withRetries } from './retry.js';
import { problemText, stringsFor } from './strings.js';
import panelCss from './panel.css';

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
};

function adoptStyles(root, css) {
  if (root.adoptedStyleSheets && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    root.append(el('style', null, css));
  }
}

export function mount(ctx) {
  const { root, frame, config, launcher } = ctx;
  const t = stringsFor(config.lang);
  const name = config.persona_name;
  const identity = identityStore(config.key_id);
  const client = createClient(ctx.base, ctx.key, identity.get);
  const store = conversationStore(config.key_id);
  const seen = new Set();
  let conversation = store.load();
  let status = 'assistant';
  let unread = 0;
  let lastSeq = 0;
  let stream = null;
  let restoring = null;
  let chain = Promise.resolve();

  adoptStyles(root, panelCss);

  const panel = el('div', 'panel');
  panel.id = 'bob-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'bob-title');

  const title = el('h2', null, name);
  title.id = 'bob-title';
  const subtitle = el('p', null, t.online);
  const heading = el('div', 'title');
  heading.append(title, subtitle);
  const humanButton = el('button', 'human', t.human);
  humanButton.type = 'button';
  humanButton.hidden = !ctx.key; // the public chat has no human handoff
  const closeButton = el('button', 'icon');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', t.close);
  closeButton.append(svg('close'));
  const header = el('div', 'header');
  header.append(heading, humanButton, closeButton);

  // The transcript is a log (a polite live region); while a reply streams in it is aria-busy, so screen
  // readers announce the finished answer once instead of every fragment.
  const messages = el('div', 'messages');
  messages.setAttribute('role', 'log');
  messages.setAttribute('aria-label', t.conversation);
  messages.tabIndex = 0;

  const typing = el('div', 'typing');
  typing.setAttribute('role', 'img');
  typing.setAttribute('aria-label', t.typing.replace('{name}', name));
  typing.append(el('i'), el('i'), el('i'));

  const notice = el('div', 'notice');
  notice.setAttribute('role', 'alert');
  notice.hidden = true;

  // A polite status line, always present (empty when all is well), so "reconnecting" is announced when it appears.
  const reconnecting = el('p', 'reconnecting');
  reconnecting.setAttribute('role', 'status');

  const form = el('form', 'composer');
  const label = el('label', 'sr-only', t.inputLabel);
  label.htmlFor = 'bob-input';
  const input = el('textarea');
  input.id = 'bob-input';
  input.rows = 1;
  input.maxLength = 4000;
  input.placeholder = t.placeholder;
  input.setAttribute('enterkeyhint', 'send');
  const sendButton = el('button', 'send');
  sendButton.type = 'submit';
  sendButton.setAttribute('aria-label', t.send);
  sendButton.append(svg('send'));
  form.append(label, input, sendButton);

  panel.append(header, messages, notice, reconnecting, form);
  frame.append(panel);
  launcher.setAttribute('aria-controls', panel.id);
  append(bubble('assistant', config.greeting));

  closeButton.addEventListener('click', () => close());
  humanButton.addEventListener('click', () => requestHuman());
  frame.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation();
      close();
    }
  });
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

  // A conversation used recently is restored and followed at once, so agent replies raise the badge
  // even before the visitor opens the panel on this page.
  if (store.isRecent(conversation)) {
    restore();
  }
  // Messages a reload interrupted are sent again, under their first client_message_id, once the history is in.
  for (const kept of pendingOf(conversation)) {
    const item = { text: kept.text, clientId: kept.clientId, node: bubble('visitor', kept.text) };
    item.node.classList.add('pending');
    restore().then(() => {
      append(item.node);
      queue(item);
    });
  }

  const commands = identityCommands(identity, client, { startAfresh, hasConversation: () => !!conversation, adopt, emit: ctx.emit });
  commands.adoptNewest();

  /** A signed-in visitor's conversation from another device (or an earlier page): shown and followed like a stored one. */
  function adopt(found) {
    conversation = found;
    store.save(conversation);
    restoring = null;
    restore();
    follow();
  }

  /** Another visitor (identify) or none (reset): the local conversation is forgotten and the transcript starts over. */
  function startAfresh() {
    forgetConversation();
    restoring = null;
    seen.clear();
    lastSeq = 0;
    messages.replaceChildren();
    append(bubble('assistant', config.greeting));
    hideNotice();
    setStatus('assistant');
  }

  const ending = conversationRating(config.lang, {
    messages,
    conversationId: () => conversation?.id,
    rate: (score) => client.rateConversation({ session_id: conversation?.id, visitor_token: conversation?.token || undefined, score }),
  });
  const ft = feedbackStrings(config.lang);
  /** An assistant answer gets its 👍/👎 buttons (feedback.js). */
  function rateable(node, messageId) {
    if (messageId) {
      node.append(feedbackButtons(ft, (rating) => client.rate({ session_id: conversation?.id, message_id: messageId, visitor_token: conversation?.token || undefined, rating })));
    }
    return node;
  }

  function resize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
  }

  function open() {
    if (!panel.hidden) {
      return;
    }
    panel.hidden = false;
    unread = 0;
    ctx.setOpen(true);
    restore();
    follow();
    scrollDown();
    input.focus();
  }

  function close() {
    if (panel.hidden) {
      return;
    }
    const hadFocus = panel.contains(root.activeElement);
    panel.hidden = true;
    ctx.setOpen(false);
    ending.closed();
    if (hadFocus) {
      launcher.focus();
    }
  }

  function restore() {
    if (!restoring) {
      // A conversation the widget opened that Bob has not answered yet has no history to load.
      restoring = conversation && conversation.confirmed !== false ? loadHistory() : Promise.resolve();
    }
    return restoring;
  }

  async function loadHistory() {
    try {
      const history = await client.history(conversation);
      for (const message of history.messages) {
        render(message, false);
      }
      setStatus(history.status);
      follow();
    } catch (problem) {
      if (problem.status >= 400 && problem.status < 500 && problem.status !== 429) {
        // The stored conversation is gone or its token no longer matches: start afresh.
        forgetConversation();
        append(el('p', 'system', t.expired));
      } else {
        restoring = null; // try again on the next open
      }
    }
  }

  function forgetConversation() {
    store.forget();
    conversation = null;
    if (stream) {
      stream.close();
      stream = null;
    }
  }

  function follow() {
    if (stream || !conversation) {
      return;
    }
    stream = client.events(conversation, lastSeq);
    if (!stream) {
      return; // the public chat has no agent stream
    }
    stream.addEventListener('message', (event) => {
      const data = JSON.parse(event.data);
      if (data.message) {
        render(data.message, true);
      }
      if (data.status) {
        setStatus(data.status);
      }
    });
    stream.addEventListener('error', () => {
      // A closed stream (refused, or the server went away for good) is reopened on the next open or turn.
      if (stream && stream.readyState === EventSource.CLOSED) {
        stream = null;
      }
    });
  }

  function setStatus(next) {
    status = next || 'assistant';
    subtitle.textContent = status === 'waiting' ? t.waiting : status === 'human' ? t.withHuman : t.online;
    humanButton.hidden = status !== 'assistant' || !ctx.key; // the public chat has no human handoff
  }

  function bubble(role, text, citations) {
    const node = el('div', 'msg ' + role);
    const who = role === 'visitor' ? el('span', 'sr-only', t.you) : el('span', 'who', role === 'agent' ? t.team : name);
    node.append(who, el('p', 'bubble', text));
    if (citations && citations.length) {
      node.append(el('p', 'sources', t.sources + ' ' + citations.map((c) => c.title).join(' · ')));
    }
    return node;
  }

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

  function arrived(message) {
    if (panel.hidden && message.role !== 'visitor') {
      ctx.setUnread(++unread);
    }
    ctx.emit('message', message);
  }

  function showNotice(text, offerHuman, item) {
    notice.replaceChildren(el('span', null, text));
    if (offerHuman && status === 'assistant' && ctx.key) {
      const button = el('button', null, t.human);
      button.type = 'button';
      button.addEventListener('click', () => requestHuman(item));
      notice.append(button);
    }
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
    notice.replaceChildren();
  }

  function send(raw) {
    const text = String(raw || '').trim();
    if (!text) {
      return;
    }
    const item = { text, clientId: newClientId(), node: bubble('visitor', text) };
    item.node.classList.add('pending');
    append(item.node);
    hold(item);
    queue(item);
  }

  /** Keeps the message in storage until Bob has it; a first message opens the conversation the widget chose. */
  function hold(item) {
    conversation = conversation || newConversation();
    keep(conversation, item);
    store.save(conversation);
  }

  function queue(item) {
    chain = chain.then(() => deliver(item));
  }

  async function deliver(item) {
    await restore();
    hideNotice();
    item.failed?.remove();
    messages.setAttribute('aria-busy', 'true');
    sendButton.setAttribute('aria-disabled', 'true');
    messages.append(typing);
    scrollDown();
    let answer = null;
    const attempt = () => {
      answer?.remove();
      answer = null;
      messages.append(typing);
      hold(item);
      return client.sendTurn(
        { session_id: conversation.id, visitor_token: conversation.token, message: item.text, client_message_id: item.clientId },
        (delta) => {
          if (!answer) {
            typing.remove();
            answer = bubble('assistant', '');
            append(answer);
          }
          answer.querySelector('.bubble').textContent += delta;
          scrollDown();
        },
      );
    };
    try {
      const reply = await withRetries(attempt, (waiting) => {
        reconnecting.textContent = waiting ? reconnectingText(config.lang) : '';
      });
      typing.remove();
      item.node.classList.remove('pending');
      settle(conversation, item);
      conversation = { ...conversation, id: reply.session_id, token: reply.visitor_token || conversation.token, confirmed: true };
      store.save(conversation);
      ctx.emit('message', { role: 'visitor', text: item.text });
      if (seen.has(reply.message_id)) {
        // Sent before a reload and already answered: the restored history shows both, so this copy goes.
        item.node.remove();
        answer?.remove();
      } else if (reply.reply) {
        const final = rateable(bubble('assistant', reply.reply, reply.citations), reply.message_id);
        answer ? answer.replaceWith(final) : append(final);
        seen.add(reply.message_id);
        arrived({ role: 'assistant', text: reply.reply, message_id: reply.message_id, citations: reply.citations, handoff: reply.handoff });
      } else {
        answer?.remove();
      }
      setStatus(reply.status);
      follow();
    } catch (problem) {
      answer?.remove();
      failed(item, problem);
    } finally {
      typing.remove();
      messages.removeAttribute('aria-busy');
      sendButton.removeAttribute('aria-disabled');
    }
  }

  function failed(item, problem) {
    // A full conversation is left too: Retry then sends the message as the first turn of a new one.
    if (problem.code === 'visitor_token_required' || problem.code === 'invalid_visitor_token' || problem.code === 'conversation_full') {
      forgetConversation();
    }
    const retry = el('button', null, t.retry);
    retry.type = 'button';
    retry.addEventListener('click', () => {
      item.failed.remove();
      queue(item); // same client_message_id: a retry is never answered twice
    });
    item.failed = el('p', 'failed', t.notSent);
    item.failed.append(retry);
    item.node.append(item.failed);
    showNotice(problemText(t, problem.code), problem.code === 'credits_exhausted', item);
    ctx.emit('error', { code: problem.code, message: problem.message });
  }

  async function requestHuman(item) {
    await restore();
    hideNotice();
    try {
      const result = await client.requestHuman({
        session_id: conversation?.id,
        visitor_token: conversation?.token,
        message: item?.text,
        client_message_id: item?.clientId,
      });
      conversation = { ...conversation, id: result.session_id, token: result.visitor_token || conversation?.token, confirmed: true };
      if (item) {
        settle(conversation, item);
      }
      store.save(conversation);
      if (item) {
        item.failed?.remove();
        item.node.classList.remove('pending');
      }
      setStatus(result.status);
      follow();
      input.focus();
    } catch (problem) {
      showNotice(problemText(t, problem.code));
      ctx.emit('error', { code: problem.code, message: problem.message });
    }
  }

  return {
    open,
    close,
    identify: commands.identify,
    reset: commands.reset,
    send(text) {
      open();
      send(text);
    },
  };
}
