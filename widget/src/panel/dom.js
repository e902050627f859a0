// The panel's two DOM helpers. Only text is ever set (textContent), never markup: whatever a model or an agent writes
// is shown as text.
export const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
};

/** Puts the panel's CSS into the loader's shadow root, as a constructed sheet where the browser has them. */
export function adoptStyles(root, css) {
  if (root.adoptedStyleSheets && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    root.append(el('style', null, css));
  }
}
