// A stored conversation's history: loaded once, before anything is shown or sent in it (and again on the next try after
// a failure that may pass). A conversation the widget opened that Bob has not answered yet has none to load.
export function conversationHistory(client, conversation, { render, setStatus, follow, expired }) {
  let restoring = null;

  async function load() {
    try {
      const history = await client.history(conversation.get());
      for (const message of history.messages) {
        render(message, false);
      }
      setStatus(history.status);
      follow();
    } catch (problem) {
      if (problem.status >= 400 && problem.status < 500 && problem.status !== 429) {
        expired(); // the stored conversation is gone or its token no longer matches: start afresh
      } else {
        restoring = null; // try again on the next open
      }
    }
  }

  return {
    /** Resolves when the history is in (at once when there is none to load). */
    restore() {
      if (!restoring) {
        const current = conversation.get();
        restoring = current && current.confirmed !== false ? load() : Promise.resolve();
      }
      return restoring;
    },
    /** The conversation changed: the next restore() loads the new one's history. */
    reset() {
      restoring = null;
    },
  };
}
