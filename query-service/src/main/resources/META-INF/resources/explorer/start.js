import { get } from './api.js';
import { el, replace } from './dom.js';

/** Every dyad on record with its fact count and latest activity; an actor picker; search across all facts. */
export async function startPage(main) {
  document.title = 'Bilateral';
  const [dyads, actors] = await Promise.all([get('/dyads'), get('/actors')]);
  const results = el('div', { 'aria-live': 'polite' });
  const search = el('form', { role: 'search', class: 'filters panel' },
    el('label', {}, 'Search every fact', el('input', { name: 'q', type: 'search', placeholder: 'Brotchi, embassy, 2019 …' })),
    el('button', { type: 'submit' }, 'Search'));
  search.addEventListener('submit', async event => {
    event.preventDefault();
    const q = new FormData(search).get('q');
    if (!q) return;
    const found = await get(`/search?q=${encodeURIComponent(q)}&limit=50`);
    replace(results, found.hits.length === 0 ? el('p', { class: 'empty' }, `Nothing matches "${q}".`)
      : el('ol', { class: 'facts' }, found.hits.map(h => el('li', {}, el('span', { class: 'when' }, h.occurred || 'undated'),
        el('span', { class: 'type' }, `${h.dyad} · ${h.type}`),
        el('a', { href: `/explore/facts/${encodeURIComponent(h.factId)}` }, h.summary || h.factId)))));
  });
  const picked = el('div', { 'aria-live': 'polite' });
  const picker = el('select', { name: 'actor', id: 'actor-picker' }, el('option', { value: '' }, 'choose an actor…'),
    actors.map(a => el('option', { value: a.code }, `${a.name} (${a.code})${a.kind === 'FORMER_STATE' ? `, ${a.from}–${a.until}` : ''}`)));
  picker.addEventListener('change', async () => {
    if (!picker.value) return replace(picked);
    const of = await get(`/actors/${encodeURIComponent(picker.value)}/dyads`);
    replace(picked, of.dyads.length === 0 ? el('p', { class: 'empty' }, `No relation of ${of.name} is on record yet.`)
      : el('ul', { class: 'dyads' }, of.dyads.map(d => el('li', {}, el('a', { href: `/explore/${d.dyad}` }, `${of.name} – ${d.otherName}`,
        el('span', { class: 'count' }, `${d.facts} facts`))))));
  });
  replace(main,
    el('h1', {}, 'Relations on record'),
    dyads.length === 0 ? el('p', { class: 'empty' }, 'No facts are recorded yet. Post one to event-service (POST /events), or start with the demo data.')
      : el('ul', { class: 'dyads', id: 'dyads' }, dyads.map(d => el('li', {}, el('a', { href: `/explore/${d.dyad}`, 'data-dyad': d.dyad },
        d.names.join(' – '), el('span', { class: 'count' }, `${d.dyad} · ${d.facts} facts · last recorded ${d.lastRecordedAt.slice(0, 10)}`))))),
    el('h2', {}, 'Search'), search, results,
    el('h2', {}, 'By actor'), el('label', { for: 'actor-picker', class: 'visually-hidden' }, 'Actor'), picker, picked);
}
