// Agents' replies and status changes as they happen: the conversation's event stream (Server-Sent Events), from the
// last message the transcript shows. The public chat has no such stream.
export function liveEvents(client, conversation, { after, render, setStatus }) {
  let stream = null;

  return {
    /** Opens the stream unless it is open or there is no conversation yet. */
    follow() {
      if (stream || !conversation.get()) {
        return;
      }
      stream = client.events(conversation.get(), after());
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
    },
    stop() {
      if (stream) {
        stream.close();
        stream = null;
      }
    },
  };
}
