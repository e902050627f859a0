// The visitor's session survives page loads in the host page's localStorage: its id, its visitor token,
// when it was last used, whether Bob has it yet and the messages not yet answered (pending.js). Storage may be blocked (privacy modes, sandboxed frames): then the session lives as
// long as the page does.
const RECENT_MS = 24 * 60 * 60 * 1000;

export function sessionStore(keyId) {
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
    save(session) {
      memory = { ...session, at: Date.now() };
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
    isRecent: (session) => !!session && Date.now() - (session.at || 0) < RECENT_MS,
  };
}

/** A client message id: 128 random bits, so a retry is recognised and never answered twice. */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'cm_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
