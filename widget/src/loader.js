// The loader: the only script a host page includes. It must stay tiny (≤ 3 KB gzipped), never throw into the
// host page, and draw nothing until Bob has said this page may use the key. Everything else (the chat panel)
// is loaded on first open or when the browser is idle.
/* global PANEL_FILE */
import launcherCss from './launcher.css';
import { svg } from './icons.js';

(() => {
  const script = document.currentScript;
  const existing = window.Bob;
  if (!script || (existing && existing.version)) {
    return; // included twice: the first copy owns the page
  }
  const attr = (name) => script.getAttribute('data-' + name);
  const key = attr('widget-key');
  const publicChat = attr('public-chat') !== null; // Bob's own site: path 1, same origin, no key
  const base = new URL('..', script.src).href; // the Bob origin (and path prefix) that served this file
  const listeners = {};
  const waiting = []; // calls made before the panel was ready
  let panel;
  let panelLoad;
  let launcher;
  let badge;
  let config;
  let isOpen = false;
  let unread = 0;

  const warn = (message) => console.warn('[Bob] ' + message);

  // Host listeners run in isolation: one that throws reports its own error without breaking the widget.
  const emit = (event, detail) => {
    for (const listener of (listeners[event] || []).slice()) {
      try {
        listener(detail);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  const call = (method, argument) => {
    if (panel) {
      panel[method](argument);
    } else if (method !== 'close') {
      waiting.push([method, argument]);
      if (config) {
        loadPanel();
      }
    }
  };

  // Callable too: Bob('identify', {...}) is Bob.identify({...}).
  const api = Object.assign((method, argument) => typeof api[method] === 'function' && api[method](argument), {
    version: 1,
    open: () => call('open'),
    close: () => call('close'),
    send: (text) => call('send', String(text == null ? '' : text)),
    identify: (identity) => call('identify', identity),
    reset: () => call('reset'),
    on(event, listener) {
      if (typeof listener === 'function') {
        (listeners[event] = listeners[event] || []).push(listener);
      }
      return api;
    },
    off(event, listener) {
      listeners[event] = (listeners[event] || []).filter((l) => l !== listener);
      return api;
    },
  });
  // Calls a host page queued on a stub (see docs/WIDGET.md): listeners are added at once (so they hear about a
  // failure too), the rest run once the launcher is up.
  const stubbed = [];
  for (const [method, args] of (existing && existing.q) || []) {
    method === 'on' ? api.on.apply(api, args) : stubbed.push([method, args]);
  }
  window.Bob = api;

  if (!key && !publicChat) {
    warn('data-widget-key is missing on the script tag; the chat stays hidden.');
    return;
  }

  const renderLauncher = () => {
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.replaceChildren(svg(isOpen ? 'close' : 'chat'), badge);
    frame.classList.toggle('open', isOpen);
    setUnread(isOpen ? 0 : unread);
  };

  // The panel tells the launcher when it opens or closes, so both stay in step.
  const setOpen = (open) => {
    isOpen = open;
    renderLauncher();
    emit(open ? 'open' : 'close');
  };

  const setUnread = (count) => {
    unread = count;
    badge.textContent = count > 0 ? String(count) : '';
    badge.hidden = count <= 0;
    launcher.setAttribute('aria-label', isOpen ? config.strings.close : count > 0 ? config.strings.openUnread.replace('{n}', count) : config.strings.open);
  };

  function loadPanel() {
    panelLoad =
      panelLoad ||
      import(base + 'widget/' + PANEL_FILE)
        .then((module) => {
          panel = module.mount({ root, frame, launcher, config, key, base, emit, setOpen, setUnread });
          for (const [method, argument] of waiting.splice(0)) {
            panel[method](argument);
          }
        })
        .catch((error) => {
          panelLoad = null;
          warn('the chat panel could not be loaded (' + error.message + ').');
          emit('error', { code: 'unreachable', message: 'The chat panel could not be loaded.' });
        });
    return panelLoad;
  }

  let root;
  const frame = document.createElement('div');

  fetch(base + (key ? 'api/widget/config?key=' + encodeURIComponent(key) : 'api/chat/config'), { credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status))))
    .then((body) => {
      config = body;
      config.position = attr('position') === 'bottom-left' || attr('position') === 'bottom-right' ? attr('position') : body.position;
      config.lang = attr('lang') || document.documentElement.lang || navigator.language || 'en';
      config.strings = pickStrings(config.lang);
      return new Promise((resolve) => (document.body ? resolve() : document.addEventListener('DOMContentLoaded', resolve, { once: true })));
    })
    .then(() => {
      draw();
      for (const [method, args] of stubbed) {
        if (typeof api[method] === 'function') {
          api[method].apply(api, args);
        }
      }
      const open = attr('open');
      if (open !== null && open !== 'false') {
        api.open();
      }
      (window.requestIdleCallback || ((f) => setTimeout(f, 1500)))(() => loadPanel());
    })
    .catch((error) => {
      // A wrong key, an origin not on the key's allow-list and an unreachable server look alike from here
      // (the browser hides refused cross-origin answers): the launcher stays hidden and the page is untouched.
      warn('the chat is unavailable on this page (' + error.message + '). Check the widget key and its allowed origins.');
      emit('error', { code: 'unavailable', message: 'The chat is unavailable on this page.' });
    });

  function draw() {
    const host = document.createElement('bob-widget');
    root = host.attachShadow({ mode: 'open' });
    // Constructed style sheets need no CSP style-src allowance; a <style> element is the fallback.
    if (root.adoptedStyleSheets && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherCss);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = launcherCss;
      root.append(style);
    }
    const hex = (value, fallback) => (/^#[0-9a-f]{6}$/i.test(value) ? value : fallback);
    frame.style.setProperty('--bob-primary', hex(config.colors.primary, '#4f46e5'));
    frame.style.setProperty('--bob-on-primary', hex(config.colors.text, '#ffffff'));
    frame.className = 'frame ' + config.position;
    frame.lang = config.lang;
    launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    badge = document.createElement('span');
    badge.className = 'badge';
    badge.setAttribute('aria-hidden', 'true');
    badge.hidden = true;
    launcher.addEventListener('click', () => (isOpen ? api.close() : api.open()));
    frame.append(launcher);
    root.append(frame);
    renderLauncher();
    document.body.append(host);
    if (window.performance && performance.mark) {
      performance.mark('bob:launcher-visible');
    }
  }

  function pickStrings(lang) {
    const all = {
      en: ['Open chat', 'Open chat, {n} unread', 'Close chat'],
      de: ['Chat öffnen', 'Chat öffnen, {n} ungelesen', 'Chat schließen'],
      fr: ['Ouvrir le chat', 'Ouvrir le chat, {n} non lu(s)', 'Fermer le chat'],
      es: ['Abrir el chat', 'Abrir el chat, {n} sin leer', 'Cerrar el chat'],
    };
    const chosen = all[String(lang).slice(0, 2).toLowerCase()] || all.en;
    return { open: chosen[0], openUnread: chosen[1], close: chosen[2] };
  }
})();
