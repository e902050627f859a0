// Handing over to a person: the header's status line (the assistant answers / waiting for the team / with a person),
// the "Talk to a human" offers (the header's button, and the notice's when the assistant cannot answer), and the
// request itself. A failed message handed over goes with the request, under its client_message_id.
import { el } from './dom.js';
import { problemText } from './strings.js';

/** hasKey: the widget (the public chat has no human handoff). */
export function createHandoff({ subtitle, humanButton, notice }, t, hasKey, { client, conversation, restore, follow, focus, emit }) {
  let status = 'assistant';

  function setStatus(next) {
    status = next || 'assistant';
    subtitle.textContent = status === 'waiting' ? t.waiting : status === 'human' ? t.withHuman : t.online;
    humanButton.hidden = status !== 'assistant' || !hasKey;
  }

  /** A problem above the composer; offerHuman adds "Talk to a human" (for item, the message that failed). */
  function showNotice(text, offerHuman, item) {
    notice.replaceChildren(el('span', null, text));
    if (offerHuman && status === 'assistant' && hasKey) {
      const button = el('button', null, t.human);
      button.type = 'button';
      button.addEventListener('click', () => requestHuman(item));
      notice.append(button);
    }
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
    notice.replaceChildren();
  }

  async function requestHuman(item) {
    await restore();
    hideNotice();
    try {
      const current = conversation.get();
      const result = await client.requestHuman({
        session_id: current?.id,
        visitor_token: current?.token,
        message: item?.text,
        client_message_id: item?.clientId,
      });
      conversation.confirm(result, item);
      if (item) {
        item.failed?.remove();
        item.node.classList.remove('pending');
      }
      setStatus(result.status);
      follow();
      focus();
    } catch (problem) {
      showNotice(problemText(t, problem.code));
      emit('error', { code: problem.code, message: problem.message });
    }
  }

  humanButton.addEventListener('click', () => requestHuman());
  return { setStatus, showNotice, hideNotice };
}
