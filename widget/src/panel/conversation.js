// The visitor's conversation survives page loads in the host page's localStorage: its id, its visitor token, when it
// was last used, whether Bob has it yet and the messages not yet answered (pending.js). Storage may be blocked (privacy
// modes, sandboxed frames): then the conversation lives as long as the page does.

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

/** A client message id: 128 random bits, so a retry is recognised and never answered twice. */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'cm_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
