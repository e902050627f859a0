// The optional one-question rating when a conversation "ends": the visitor closes the panel after the assistant has
// answered at least once. Closing is never held up: the question is added to the end of the transcript, once per
// conversation, and waits there for the next open. Five real buttons (1–5) with labels; a choice can be changed.
const words = {
  en: ['How was this conversation?', '{n} out of 5', 'Thanks for rating this conversation.'],
  de: ['Wie war diese Unterhaltung?', '{n} von 5', 'Danke für Ihre Bewertung.'],
  fr: ['Comment était cette conversation ?', '{n} sur 5', 'Merci pour votre note.'],
  es: ['¿Qué tal fue esta conversación?', '{n} de 5', 'Gracias por valorar esta conversación.'],
};

/** rate(score) posts the rating for the current conversation; conversationId() names it (null: none yet). */
export function conversationRating(lang, { messages, conversationId, rate }) {
  const [question, outOf, thanks] = words[String(lang).slice(0, 2).toLowerCase()] || words.en;
  const asked = new Set();

  function card() {
    const group = document.createElement('div');
    group.className = 'ask-rating';
    group.setAttribute('role', 'group');
    const label = document.createElement('p');
    label.id = 'bob-rating-question';
    label.textContent = question;
    group.setAttribute('aria-labelledby', label.id);
    const status = document.createElement('span');
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    const buttons = [1, 2, 3, 4, 5].map((score) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(score);
      button.setAttribute('aria-label', outOf.replace('{n}', score));
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', async () => {
        try {
          await rate(score);
          for (const other of buttons) {
            other.setAttribute('aria-pressed', String(other === button));
          }
          status.textContent = thanks;
        } catch {
          // The question stays; the visitor may try again.
        }
      });
      return button;
    });
    group.append(label, ...buttons, status);
    return group;
  }

  return {
    /** The panel closed: ask once per conversation, if the assistant answered in it. */
    closed() {
      const id = conversationId();
      if (!id || asked.has(id) || !messages.querySelector('.rate')) {
        return;
      }
      asked.add(id);
      messages.append(card());
    },
  };
}
