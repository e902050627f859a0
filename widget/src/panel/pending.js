// What keeps a visitor's words safe until Bob has them. Before the first send the widget picks the conversation's
// id and visitor token itself (128 random bits each), so a first turn whose answer was lost is retried into the same
// conversation, and proves it is the visitor's own. Every message not yet answered is kept with its
// client_message_id in the stored conversation (the same localStorage entry), so a reload sends it again under the same
// id: Bob replays an answered turn instead of storing it twice.

const randomHex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A conversation the widget opens: its id and visitor token, before anything is sent. */
export function newConversation() {
  const token = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return { id: 'ws_' + randomHex(), token, pending: [] };
}

/** The stored conversation's unsent messages ({ text, clientId }), oldest first. */
export const pendingOf = (conversation) =>
  conversation && Array.isArray(conversation.pending) ? conversation.pending.filter((p) => p && typeof p.text === 'string' && typeof p.clientId === 'string') : [];

export function keep(conversation, item) {
  conversation.pending = [...pendingOf(conversation).filter((p) => p.clientId !== item.clientId), { text: item.text, clientId: item.clientId }];
}

export function settle(conversation, item) {
  if (conversation) {
    conversation.pending = pendingOf(conversation).filter((p) => p.clientId !== item.clientId);
  }
}
