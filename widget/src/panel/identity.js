// The signed-in visitor (docs/WIDGET.md, "Signed-in visitors"): the identity the host page passes with
// Bob('identify', { identity }) — signed by the business's server; the widget never reads anything into it — is kept
// in the host page's localStorage beside the conversation and sent with every request (X-Bob-Identity on POSTs,
// ?identity= on GETs, which must stay preflight-free, and on the EventSource, which cannot set headers).
// A different visitor, or Bob('reset') on logout, starts afresh: the local conversation is forgotten and the
// transcript cleared. A signed-in visitor without a local conversation continues their newest one (from any device).

/** The user a token names, to tell "the same visitor with a fresh token" from "someone else"; never trusted by Bob. */
function userOf(identity) {
  const parts = identity.split('.');
  if (parts.length === 3 && parts[0].startsWith('eyJ')) {
    try {
      return 'jwt:' + JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
    } catch {
      return identity;
    }
  }
  return identity.slice(0, identity.lastIndexOf('.'));
}

export function identityStore(keyId) {
  const name = 'bob.identity.' + keyId;
  let current = null;
  try {
    current = localStorage.getItem(name);
  } catch {
    // blocked storage: memory only
  }
  const keep = (value) => {
    current = value;
    try {
      value ? localStorage.setItem(name, value) : localStorage.removeItem(name);
    } catch {
      // blocked storage: memory only
    }
  };
  return {
    get: () => current,
    /** Takes a new identity; true when it names another visitor than the one before (the conversation must start afresh). */
    set(identity) {
      const changed = !current || userOf(current) !== userOf(identity);
      keep(identity);
      return changed;
    },
    clear: () => keep(null),
  };
}

/** Wires Bob('identify') and Bob('reset') to the panel: startAfresh() forgets the local conversation and clears the
 * transcript; adoptNewest() continues the signed-in visitor's newest conversation when there is no local one. */
export function identityCommands(identity, client, { startAfresh, hasConversation, adopt, emit }) {
  async function adoptNewest() {
    if (!identity.get() || hasConversation()) {
      return;
    }
    try {
      const { sessions } = await client.conversations();
      if (sessions.length && !hasConversation()) {
        adopt({ id: sessions[0].session_id, token: null });
      }
    } catch (problem) {
      emit('error', { code: problem.code, message: problem.message });
    }
  }
  return {
    adoptNewest,
    identify(argument) {
      const token = typeof argument === 'string' ? argument : argument && argument.identity;
      if (typeof token !== 'string' || !token) {
        console.warn('[Bob] identify needs { identity: "<what your server signed>" }.');
        return;
      }
      if (identity.set(token)) {
        startAfresh();
      }
      return adoptNewest();
    },
    reset() {
      identity.clear();
      startAfresh();
    },
  };
}
