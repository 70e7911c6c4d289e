import { el, svg } from './dom.js';

/** The cooperation–conflict score per period as bars above (cooperation) and below (conflict) a zero line. */
export function scores(series) {
  const scored = (series || []).filter(p => p.scored > 0);
  if (scored.length === 0) return null;
  const width = Math.max(320, scored.length * 28);
  const height = 180;
  const max = Math.max(1, ...scored.map(p => Math.abs(p.goldstein)));
  const zero = height / 2;
  const unit = (height / 2 - 18) / max;
  const band = width / scored.length;
  return el('div', { class: 'table-wrap' }, svg('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `Goldstein score by period: ${scored.map(p => `${p.period} ${p.goldstein}`).join(', ')}` },
    svg('line', { x1: 0, x2: width, y1: zero, y2: zero, stroke: '#7b838f' }),
    scored.map((p, i) => {
      const h = Math.abs(p.goldstein) * unit;
      const x = i * band + 4;
      return [svg('rect', { class: p.goldstein >= 0 ? 'score-pos' : 'score-neg', x, width: band - 8, height: Math.max(h, 1),
          y: p.goldstein >= 0 ? zero - h : zero, 'data-period': p.period }, svg('title', {}, `${p.period}: ${p.goldstein} (${p.scored} scored facts)`)),
        svg('text', { x, y: height - 2 }, p.period)];
    })));
}

/** Trade figures with a value, per period and flow, as a small line of points per flow. */
export function trade(entries) {
  const points = (entries || []).filter(e => typeof e.value === 'number' && e.occurred);
  if (points.length === 0) return null;
  const years = points.map(e => parseInt(e.occurred.slice(0, 4), 10));
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years, minYear + 1);
  const max = Math.max(...points.map(e => e.value));
  const width = 480;
  const height = 160;
  const x = year => 30 + ((year - minYear) / (maxYear - minYear)) * (width - 60);
  const y = value => height - 20 - (value / max) * (height - 40);
  return el('div', { class: 'table-wrap' }, svg('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `Trade values: ${points.map(e => `${e.occurred} ${e.flow} ${e.value} ${e.currency || ''}`).join(', ')}` },
    svg('line', { x1: 30, x2: width - 30, y1: height - 20, y2: height - 20, stroke: '#7b838f' }),
    points.map(e => [svg('circle', { cx: x(parseInt(e.occurred, 10)), cy: y(e.value), r: 4, class: 'score-pos' },
        svg('title', {}, `${e.occurred} ${e.flow}: ${e.value.toLocaleString('en')} ${e.currency || ''}`)),
      svg('text', { x: x(parseInt(e.occurred, 10)) - 12, y: height - 6 }, e.occurred.slice(0, 4))])));
}
