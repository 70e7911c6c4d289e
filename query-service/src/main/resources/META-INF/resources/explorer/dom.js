// Builds DOM nodes from data: text is always text (never parsed as HTML), so no fact can inject markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A table of rows with the given columns ([label, row => cell]); null when there are no rows. */
export function table(caption, columns, rows) {
  if (!rows || rows.length === 0) return null;
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('caption', { class: 'visually-hidden' }, caption),
    el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, rows.map(row => el('tr', {}, columns.map(([, cell]) => el('td', {}, cell(row) ?? '')))))));
}

/** Each source as a link; only http and https addresses become links (no javascript: or data: from a fact). */
export function sourcesOf(sources) {
  return (sources || []).map((s, i) => [i > 0 ? ', ' : '', /^https?:\/\//i.test(s.url || '')
    ? el('a', { href: s.url, rel: 'noopener noreferrer' }, s.publisher || s.title || hostOf(s.url))
    : el('span', {}, s.publisher || s.title || String(s.url))]);
}

function hostOf(url) {
  try { return new URL(url).host; } catch { return url; }
}
