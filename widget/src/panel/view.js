// The panel's frame: a dialog with a header (the persona's name, the status line, "Talk to a human", close), the
// transcript, the notice, the reconnecting line and the composer, in that order.
import { svg } from '../icons.js';
import { el } from './dom.js';

/** hasKey: the widget (not the public chat, which has no human handoff); composer: its form (composer.js). */
export function panelView(t, name, hasKey, composer) {
  const panel = el('div', 'panel');
  panel.id = 'bob-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'bob-title');

  const title = el('h2', null, name);
  title.id = 'bob-title';
  const subtitle = el('p', null, t.online);
  const heading = el('div', 'title');
  heading.append(title, subtitle);
  const humanButton = el('button', 'human', t.human);
  humanButton.type = 'button';
  humanButton.hidden = !hasKey;
  const closeButton = el('button', 'icon');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', t.close);
  closeButton.append(svg('close'));
  const header = el('div', 'header');
  header.append(heading, humanButton, closeButton);

  // The transcript is a log (a polite live region); while a reply streams in it is aria-busy, so screen
  // readers announce the finished answer once instead of every fragment.
  const messages = el('div', 'messages');
  messages.setAttribute('role', 'log');
  messages.setAttribute('aria-label', t.conversation);
  messages.tabIndex = 0;

  const typing = el('div', 'typing');
  typing.setAttribute('role', 'img');
  typing.setAttribute('aria-label', t.typing.replace('{name}', name));
  typing.append(el('i'), el('i'), el('i'));

  const notice = el('div', 'notice');
  notice.setAttribute('role', 'alert');
  notice.hidden = true;

  // A polite status line, always present (empty when all is well), so "reconnecting" is announced when it appears.
  const reconnecting = el('p', 'reconnecting');
  reconnecting.setAttribute('role', 'status');

  panel.append(header, messages, notice, reconnecting, composer);
  return { panel, subtitle, humanButton, closeButton, messages, typing, notice, reconnecting };
}
