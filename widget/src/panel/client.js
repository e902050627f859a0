// Bob's widget API as the panel uses it. GETs carry the key in the query (a "simple" request: no preflight);
// POSTs carry it in X-Widget-Key as API.md says. Every refusal becomes { code, message, retryAfter }.
// Without a key the panel is Bob's own site's public chat (path 1, same origin): POST /api/chat and its history.

export class Problem extends Error {
  constructor(code, detail, status, retryAfter) {
    super(detail || code);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** identity() is the signed-in visitor's identity or null (see identity.js). */
export function createClient(base, key, identity = () => null) {
  const url = (path, query) => {
    const address = new URL(path, base);
    if (key) {
      address.searchParams.set('key', key);
    }
    for (const name in query) {
      if (query[name] != null) {
        address.searchParams.set(name, query[name]);
      }
    }
    return address.href;
  };

  async function request(path, init, query) {
    let response;
    try {
      response = await fetch(url(path, query), { credentials: 'omit', ...init });
    } catch {
      // The browser hides refused cross-origin answers too, so "unreachable" also covers those.
      throw new Problem('unreachable', 'The chat service could not be reached.', 0);
    }
    if (!response.ok) {
      let body = {};
      try {
        body = await response.json();
      } catch {
        // not a problem body: keep the status
      }
      const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
      throw new Problem(body.code || 'http_' + response.status, body.detail, response.status, retryAfter);
    }
    return response;
  }

  const post = (path, body, accept) =>
    request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(key ? { 'X-Widget-Key': key } : {}),
        Accept: accept || 'application/json',
        ...(identity() ? { 'X-Bob-Identity': identity() } : {}),
      },
      body: JSON.stringify(body),
    });

  return {
    /** Streams one visitor turn: calls onDelta(text) per chunk and resolves with the reply object. */
    async sendTurn(body, onDelta) {
      const response = await post(key ? 'api/widget/chat' : 'api/chat', body, 'text/event-stream');
      let reply;
      for await (const event of readEvents(response)) {
        const data = JSON.parse(event.data || '{}');
        if (event.event === 'delta') {
          onDelta(data.text || '');
        } else if (event.event === 'done') {
          reply = data;
        } else if (event.event === 'error') {
          throw new Problem(data.code || 'internal_error', data.detail, 200);
        }
      }
      if (!reply) {
        throw new Problem('unreachable', 'The answer was cut off.', 0);
      }
      return reply;
    },

    async rate(body) {
      return (await post('api/widget/feedback', body)).json();
    },

    async rateConversation(body) {
      return (await post('api/widget/rating', body)).json();
    },

    /** The signed-in visitor's conversations, newest first (the wire calls them sessions). */
    async conversations() {
      return (await request('api/widget/sessions', {}, { identity: identity() })).json();
    },

    async requestHuman(body) {
      return (await post('api/widget/handoff', body)).json();
    },

    async history(conversation) {
      const path = (key ? 'api/widget' : 'api/chat') + '/sessions/' + encodeURIComponent(conversation.id) + '/messages';
      const response = await request(path, {}, { visitor_token: conversation.token, identity: identity() });
      return response.json();
    },

    /** Agents' replies as they come; null for the public chat, which has no such stream. */
    events(conversation, after) {
      const path = 'api/widget/sessions/' + encodeURIComponent(conversation.id) + '/events';
      return key && new EventSource(url(path, { visitor_token: conversation.token, after, identity: identity() }));
    },
  };
}

/** Parses a text/event-stream body into { event, data } records. */
async function* readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      throw new Problem('unreachable', 'The answer was cut off.', 0);
    }
    if (chunk.done) {
      return;
    }
    buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r/g, '');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const record = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          record.event = value;
        } else if (field === 'data') {
          record.data += (record.data ? '\n' : '') + value;
        }
      }
      yield record;
    }
  }
}
