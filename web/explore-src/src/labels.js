// How nodes, dates and citations read on the page.
import { typeOf, SHAPE_POINTS } from './palette.js';

const SVG = 'http://www.w3.org/2000/svg'; // the SVG namespace, a name rather than an address

// name is a node's full name: its name, title or text.
export function name(node) {
  if (node.name) return node.name;
  if (node.title) return node.title;
  if (node.text) return node.text;
  return node.id;
}

// short cuts a text to n characters, with an ellipsis.
export function short(text, n = 40) {
  return text.length <= n ? text : `${text.slice(0, n - 1).trimEnd()}…`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// formatDate writes an ISO date at its own precision: "1953", "November 1953", "23 November 1953".
export function formatDate(d) {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  if (!m) return y;
  const month = MONTHS[Number(m) - 1] || m;
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

// decimalYear places an ISO date on a year axis: "1996" at 1996.0, "2003-07" at 2003.5.
export function decimalYear(d) {
  const [y, m, day] = d.split('-').map(Number);
  let x = y;
  if (m) x += (m - 1) / 12;
  if (day) x += (day - 1) / 365;
  return x;
}

// el makes an element with attributes and children (strings become text).
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'type' || k === 'href' || k === 'rel' || k === 'tabindex' || k === 'id') e.setAttribute(k, v === true ? '' : String(v));
    else e[k] = v;
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

// swatch draws a type's shape in its colour, as in the graph.
export function swatch(typename) {
  const t = typeOf(typename);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('swatch');
  const points = SHAPE_POINTS[t.shape];
  const shape = points ? document.createElementNS(SVG, 'polygon') : document.createElementNS(SVG, 'circle');
  if (points) {
    shape.setAttribute('points', points);
  } else {
    shape.setAttribute('cx', '10');
    shape.setAttribute('cy', '10');
    shape.setAttribute('r', '8.5');
  }
  shape.setAttribute('fill', t.color);
  svg.append(shape);
  return svg;
}

// citationBlock shows one citation: the source's title (a link when it has an address), its
// publisher and date, and the quote (or, for a source whose words the project does not hold,
// our summary, marked as ours), with the rule of a derived fact.
export function citationBlock(c) {
  const s = c.source || {};
  const title = s.url
    ? el('a', { href: s.url, rel: 'noopener noreferrer external', target: '_blank' }, s.title)
    : el('span', { class: 'source-title' }, s.title || 'Untitled source');
  const meta = [s.publisher, formatDate(s.published)].filter(Boolean).join(', ');
  return el(
    'figure',
    { class: 'cite' },
    c.quote ? el('blockquote', {}, c.quote) : null,
    !c.quote && c.summary ? el('p', { class: 'summary' }, `Our summary, not the source\u2019s words: ${c.summary}`) : null,
    c.rule ? el('p', { class: 'rule' }, `Derived: ${c.rule}`) : null,
    el('figcaption', {}, title, meta ? ` — ${meta}` : '', c.property ? el('span', { class: 'prop' }, ` (on ${c.property})`) : null),
  );
}
