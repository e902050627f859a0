// Sending the visitor's words. Each message shows at once (pending), is kept in storage until Bob has it, and goes in
// order, one turn at a time, its answer streaming into a bubble. "Not now" is retried by itself (retry.js); any other
// refusal leaves the message with a Retry button that sends it under the same client_message_id, so it is never
// answered twice.
import { newClientId } from './conversation.js';
import { el } from './dom.js';
import { reconnectingText, withRetries } from './retry.js';
import { problemText } from './strings.js';

export function createDelivery({ messages, typing, reconnecting }, t, lang, parts) {
  const { client, conversation, transcript, composer, handoff, restore, follow, forget, arrived, emit } = parts;
  let chain = Promise.resolve();

  /** What the visitor sent: shown, kept, and queued. */
  function send(raw) {
    const text = String(raw || '').trim();
    if (!text) {
      return;
    }
    const item = { text, clientId: newClientId(), node: transcript.bubble('visitor', text) };
    item.node.classList.add('pending');
    transcript.append(item.node);
    conversation.hold(item);
    queue(item);
  }

  /** A message a reload interrupted, sent again under its first client_message_id once the history is in. */
  function resend(kept) {
    const item = { text: kept.text, clientId: kept.clientId, node: transcript.bubble('visitor', kept.text) };
    item.node.classList.add('pending');
    restore().then(() => {
      transcript.append(item.node);
      queue(item);
    });
  }

  function queue(item) {
    chain = chain.then(() => deliver(item));
  }

  async function deliver(item) {
    await restore();
    handoff.hideNotice();
    item.failed?.remove();
    messages.setAttribute('aria-busy', 'true');
    composer.busy(true);
    messages.append(typing);
    transcript.scrollDown();
    let answer = null;
    const attempt = () => {
      answer?.remove();
      answer = null;
      messages.append(typing);
      conversation.hold(item);
      const current = conversation.get();
      return client.sendTurn(
        { session_id: current.id, visitor_token: current.token, message: item.text, client_message_id: item.clientId },
        (delta) => {
          if (!answer) {
            typing.remove();
            answer = transcript.bubble('assistant', '');
            transcript.append(answer);
          }
          answer.querySelector('.bubble').textContent += delta;
          transcript.scrollDown();
        },
      );
    };
    try {
      const reply = await withRetries(attempt, (waiting) => {
        reconnecting.textContent = waiting ? reconnectingText(lang) : '';
      });
      typing.remove();
      item.node.classList.remove('pending');
      conversation.confirm(reply, item);
      emit('message', { role: 'visitor', text: item.text });
      if (transcript.shown(reply.message_id)) {
        // Sent before a reload and already answered: the restored history shows both, so this copy goes.
        item.node.remove();
        answer?.remove();
      } else if (reply.reply) {
        const final = transcript.rateable(transcript.bubble('assistant', reply.reply, reply.citations), reply.message_id);
        answer ? answer.replaceWith(final) : transcript.append(final);
        transcript.markShown(reply.message_id);
        arrived({ role: 'assistant', text: reply.reply, message_id: reply.message_id, citations: reply.citations, handoff: reply.handoff });
      } else {
        answer?.remove();
      }
      handoff.setStatus(reply.status);
      follow();
    } catch (problem) {
      answer?.remove();
      failed(item, problem);
    } finally {
      typing.remove();
      messages.removeAttribute('aria-busy');
      composer.busy(false);
    }
  }

  function failed(item, problem) {
    // A full conversation is left too: Retry then sends the message as the first turn of a new one.
    if (problem.code === 'visitor_token_required' || problem.code === 'invalid_visitor_token' || problem.code === 'conversation_full') {
      forget();
    }
    const retry = el('button', null, t.retry);
    retry.type = 'button';
    retry.addEventListener('click', () => {
      item.failed.remove();
      queue(item); // same client_message_id: a retry is never answered twice
    });
    item.failed = el('p', 'failed', t.notSent);
    item.failed.append(retry);
    item.node.append(item.failed);
    handoff.showNotice(problemText(t, problem.code), problem.code === 'credits_exhausted', item);
    emit('error', { code: problem.code, message: problem.message });
  }

  return { send, resend };
}
