// 👍/👎 on each assistant answer: two real buttons with labels and aria-pressed, so keyboards and screen readers
// get them as toggles. A second choice replaces the first (Bob keeps the latest rating of an answer).
const words = {
  en: ['Helpful', 'Not helpful', 'Thanks for your feedback.', 'Your feedback could not be sent.'],
  de: ['Hilfreich', 'Nicht hilfreich', 'Danke für Ihr Feedback.', 'Ihr Feedback konnte nicht gesendet werden.'],
  fr: ['Utile', 'Pas utile', 'Merci pour votre avis.', "Votre avis n'a pas pu être envoyé."],
  es: ['Útil', 'No útil', 'Gracias por tu opinión.', 'No se pudo enviar tu opinión.'],
};

export function feedbackStrings(lang) {
  const [up, down, thanks, failed] = words[String(lang).slice(0, 2).toLowerCase()] || words.en;
  return { up, down, thanks, failed };
}

/** The rating buttons of one answer; rate(rating) posts it and resolves, or rejects with a problem. */
export function feedbackButtons(t, rate) {
  const group = document.createElement('div');
  group.className = 'rate';
  const status = document.createElement('span');
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  const buttons = [
    ['up', '👍', t.up],
    ['down', '👎', t.down],
  ].map(([rating, icon, label]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = icon;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-pressed', 'false');
    button.dataset.rating = rating;
    button.addEventListener('click', async () => {
      try {
        await rate(rating);
        for (const other of buttons) {
          other.setAttribute('aria-pressed', String(other === button));
        }
        status.textContent = t.thanks;
      } catch {
        status.textContent = t.failed;
      }
    });
    return button;
  });
  group.append(...buttons, status);
  return group;
}
