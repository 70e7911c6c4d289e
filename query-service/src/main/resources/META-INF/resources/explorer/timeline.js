import { el, svg, sourcesOf } from './dom.js';

const DAY = 86_400_000;
const WIDTH = 1000;
const LANE = 14;
const TOP = 24;

/**
 * The facts on a time axis that shows each one's precision honestly: a day is a point, a month
 * or a year a span of that length, an open interval fades out towards its open end, and an
 * uncertain or approximate date is drawn dashed. Undated facts are not on the axis (the list
 * below it has them).
 */
export function axis(facts) {
  const dated = facts.filter(f => f.occurred && (f.earliest || f.latest));
  if (dated.length === 0) return null;
  const times = dated.flatMap(f => [f.earliest, f.latest]).filter(Boolean).map(t => Date.parse(t));
  let start = Math.min(...times);
  let end = Math.max(...times) + DAY;
  const pad = Math.max((end - start) * 0.02, 30 * DAY);
  start -= pad;
  end += pad;
  const x = t => ((t - start) / (end - start)) * WIDTH;

  // Each fact on the first lane where it does not overlap the last one placed there.
  const lanes = [];
  const marks = dated.map(f => {
    const from = f.earliest ? Date.parse(f.earliest) : start;
    const to = f.latest ? Date.parse(f.latest) + DAY : end;
    const x0 = x(from);
    const x1 = Math.max(x(to), x0 + (f.precision === 'day' ? 0 : 2));
    let lane = lanes.findIndex(right => right + 8 < x0);
    if (lane < 0) lane = lanes.length;
    lanes[lane] = Math.max(x1, x0 + 6);
    return { f, x0, x1, lane };
  });
  const height = TOP + lanes.length * LANE + 8;
  const defs = svg('defs', {},
    svg('linearGradient', { id: 'fade-right' }, svg('stop', { offset: '0%', 'stop-color': '#0b57a4', 'stop-opacity': '.5' }),
      svg('stop', { offset: '100%', 'stop-color': '#0b57a4', 'stop-opacity': '0' })),
    svg('linearGradient', { id: 'fade-left' }, svg('stop', { offset: '0%', 'stop-color': '#0b57a4', 'stop-opacity': '0' }),
      svg('stop', { offset: '100%', 'stop-color': '#0b57a4', 'stop-opacity': '.5' })));
  return svg('svg', { class: 'axis', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img',
      'aria-label': `Time axis of ${dated.length} dated facts from ${new Date(start + pad).getUTCFullYear()} to ${new Date(end - pad).getUTCFullYear()}` },
    defs, ticks(start, end, x, height), marks.map(m => mark(m)));
}

function ticks(start, end, x, height) {
  const first = new Date(start).getUTCFullYear();
  const last = new Date(end).getUTCFullYear();
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find(s => (last - first) / s <= 12) || 200;
  const out = [];
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
    const at = x(Date.UTC(year, 0, 1));
    out.push(svg('line', { class: 'tick', x1: at, x2: at, y1: 14, y2: height }), svg('text', { x: at + 2, y: 11 }, year));
  }
  return out;
}

function mark({ f, x0, x1, lane }) {
  const y = TOP + lane * LANE;
  const uncertain = /[?~%]/.test(f.occurred);
  const common = { 'data-fact': f.factId, 'data-precision': f.precision, 'data-occurred': f.occurred };
  const title = svg('title', {}, `${f.occurred} (${f.precision}${uncertain ? ', uncertain or approximate' : ''}) ${f.type}: ${f.summary || ''}`);
  if (f.precision === 'day' && f.earliest && f.latest && f.earliest === f.latest) {
    return svg('circle', { ...common, class: `day${uncertain ? ' uncertain' : ''}`, cx: x0, cy: y + 5, r: 4 }, title);
  }
  const openStart = !f.earliest;
  const openEnd = !f.latest;
  const fill = openEnd ? 'url(#fade-right)' : openStart ? 'url(#fade-left)' : undefined;
  return svg('rect', { ...common, class: `span${uncertain ? ' uncertain' : ''}${openStart || openEnd ? ' open' : ''}`,
    x: x0, y, width: Math.max(x1 - x0, 2), height: 10, rx: 2, fill }, title);
}

/** The facts as a list, in timeline order: the accessible form of the axis, each linked to its page. */
export function list(facts, dyad) {
  return el('ol', { class: 'facts' }, facts.map(f => el('li', { 'data-fact': f.factId },
    el('span', { class: 'when' }, f.occurred || 'undated'),
    el('span', { class: 'type' }, f.type),
    el('a', { href: `/explore/facts/${encodeURIComponent(f.factId)}` }, f.summary || describe(f)),
    marks(f),
    f.recordedUnder && f.recordedUnder !== dyad ? el('span', { class: 'elsewhere' }, ` recorded under ${f.recordedUnder}`) : null,
    f.revision > 1 ? el('span', { class: 'elsewhere' }, ` (revision ${f.revision})`) : null,
    el('div', { class: 'sources' }, 'Sources: ', sourcesOf(f.sources)))));
}

function marks(f) {
  const notes = [];
  if (f.occurred && f.occurred.includes('?')) notes.push('uncertain date');
  if (f.occurred && f.occurred.includes('~')) notes.push('approximate date');
  if (f.occurred && f.occurred.includes('%')) notes.push('uncertain and approximate date');
  if (f.certainty && f.certainty !== 'CONFIRMED' && f.certainty !== 'REPORTED') notes.push(f.certainty.toLowerCase());
  return notes.length ? el('span', { class: 'marks' }, ` (${notes.join(', ')})`) : null;
}

function describe(f) {
  return f.cameo ? `${f.type} (CAMEO ${f.cameo})` : f.type;
}
