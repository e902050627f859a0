// The visitor's conversation survives page loads in the host page's localStorage: its id, its visitor token, when it
// was last used, whether Bob has it yet and the messages not yet answered (pending.js). Storage may be blocked (privacy
// modes, sandboxed frames): then the conversation lives as long as the page does.
import { keep, newConversation, pendingOf, settle } from './pending.js';

const RECENT_MS = 24 * 60 * 60 * 1000;

export function conversationStore(keyId) {
  // The entry's name predates the word "conversation" and stays, so visitors' stored conversations keep working.
  const name = 'bob.session.' + keyId;
  let memory = null;

  return {
    load() {
      try {
        const stored = JSON.parse(localStorage.getItem(name) || 'null');
        // A signed-in visitor's conversation may have no token (their identity proves it is theirs).
        if (stored && typeof stored.id === 'string' && (stored.token == null || typeof stored.token === 'string')) {
          memory = stored;
        }
      } catch {
        // blocked or corrupt storage: fall back to memory
      }
      return memory;
    },
    save(conversation) {
      memory = { ...conversation, at: Date.now() };
      try {
        localStorage.setItem(name, JSON.stringify(memory));
      } catch {
        // blocked storage: memory only
      }
    },
    forget() {
      memory = null;
      try {
        localStorage.removeItem(name);
      } catch {
        // nothing to do
      }
    },
    /** A conversation used in the last day is restored (and followed) as soon as the page loads. */
    isRecent: (conversation) => !!conversation && Date.now() - (conversation.at || 0) < RECENT_MS,
  };
}

/** The conversation the panel holds: null until the first message (or after it is forgotten); each change is saved. */
export function currentConversation(store) {
  let current = store.load();

  return {
    get: () => current,
    isRecent: () => store.isRecent(current),
    /** The messages a reload interrupted, oldest first. */
    pending: () => pendingOf(current),
    /** Keeps a message until Bob has it; a first message opens the conversation the widget chose (pending.js). */
    hold(item) {
      current = current || newConversation();
      keep(current, item);
      store.save(current);
    },
    /** Bob has the conversation (and the message, if one was sent): its id and visitor token as Bob answered them. */
    confirm(answer, item) {
      current = { ...current, id: answer.session_id, token: answer.visitor_token || current?.token, confirmed: true };
      if (item) {
        settle(current, item);
      }
      store.save(current);
    },
    /** A signed-in visitor's conversation found on the server (identity.js). */
    adopt(found) {
      current = found;
      store.save(current);
    },
    forget() {
      store.forget();
      current = null;
    },
  };
}

/** A client message id: 128 random bits, so a retry is recognised and never answered twice. */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'cm_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
