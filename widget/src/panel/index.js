// The chat panel, loaded by the loader on first open or when the browser is idle. It renders into the
// loader's shadow root, so no CSS crosses in either direction, and it only ever sets text (textContent),
// never markup: whatever a model or an agent writes is shown as text. This file wires the parts together and
// opens and closes the panel; each part is its own module.
import { createClient } from './client.js';
import { createComposer } from './composer.js';
import { conversationStore, currentConversation } from './conversation.js';
import { createDelivery } from './delivery.js';
import { adoptStyles } from './dom.js';
import { conversationRating } from './ending.js';
import { liveEvents } from './events.js';
import { createHandoff } from './handoff.js';
import { conversationHistory } from './history.js';
import { identityCommands, identityStore } from './identity.js';
import { stringsFor } from './strings.js';
import { createTranscript } from './transcript.js';
import { panelView } from './view.js';
import panelCss from './panel.css';

export function mount(ctx) {
  const { root, frame, config, launcher, emit } = ctx;
  const t = stringsFor(config.lang);
  const identity = identityStore(config.key_id);
  const client = createClient(ctx.base, ctx.key, identity.get);
  const conversation = currentConversation(conversationStore(config.key_id));
  let unread = 0;

  adoptStyles(root, panelCss);
  const composer = createComposer(t, (text) => delivery.send(text));
  const view = panelView(t, config.persona_name, !!ctx.key, composer.form);
  const { panel } = view;
  frame.append(panel);
  launcher.setAttribute('aria-controls', panel.id);

  const visitorToken = () => conversation.get()?.token || undefined;
  const transcript = createTranscript(view, t, config.persona_name, config.lang, {
    rate: (messageId, rating) =>
      client.rate({ session_id: conversation.get()?.id, message_id: messageId, visitor_token: visitorToken(), rating }),
    arrived,
  });
  transcript.append(transcript.bubble('assistant', config.greeting));
  // The handoff part (below) owns the status line; the parts built before it reach it through this.
  const setStatus = (status) => handoff.setStatus(status);
  const events = liveEvents(client, conversation, { after: transcript.lastSeq, render: transcript.render, setStatus });
  const follow = events.follow;
  const history = conversationHistory(client, conversation, {
    render: transcript.render,
    setStatus,
    follow,
    expired() {
      forget();
      transcript.say(t.expired);
    },
  });
  const restore = history.restore;
  const handoff = createHandoff(view, t, !!ctx.key, { client, conversation, restore, follow, focus: composer.focus, emit });
  const delivery = createDelivery(view, t, config.lang, {
    client, conversation, transcript, composer, handoff, restore, follow, forget, arrived, emit,
  });
  const ending = conversationRating(config.lang, {
    messages: view.messages,
    conversationId: () => conversation.get()?.id,
    rate: (score) => client.rateConversation({ session_id: conversation.get()?.id, visitor_token: visitorToken(), score }),
  });

  view.closeButton.addEventListener('click', () => close());
  frame.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation();
      close();
    }
  });

  // A conversation used recently is restored and followed at once, so agent replies raise the badge
  // even before the visitor opens the panel on this page.
  if (conversation.isRecent()) {
    restore();
  }
  // Messages a reload interrupted are sent again, under their first client_message_id, once the history is in.
  for (const kept of conversation.pending()) {
    delivery.resend(kept);
  }

  const commands = identityCommands(identity, client, { startAfresh, hasConversation: () => !!conversation.get(), adopt, emit });
  commands.adoptNewest();

  /** A signed-in visitor's conversation from another device (or an earlier page): shown and followed like a stored one. */
  function adopt(found) {
    conversation.adopt(found);
    history.reset();
    restore();
    follow();
  }

  /** Another visitor (identify) or none (reset): the local conversation is forgotten and the transcript starts over. */
  function startAfresh() {
    forget();
    history.reset();
    transcript.startOver(config.greeting);
    handoff.hideNotice();
    handoff.setStatus('assistant');
  }

  function forget() {
    conversation.forget();
    events.stop();
  }

  /** A message that came live: it raises the launcher's badge while the panel is closed, and the host page hears of it. */
  function arrived(message) {
    if (panel.hidden && message.role !== 'visitor') {
      ctx.setUnread(++unread);
    }
    emit('message', message);
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
    transcript.scrollDown();
    composer.focus();
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

  return {
    open,
    close,
    identify: commands.identify,
    reset: commands.reset,
    send(text) {
      open();
      delivery.send(text);
    },
  };
}
