import { get, post, readAfter } from './api.js';
import { el, replace, sourcesOf } from './dom.js';
import { showProblem, token, tokenField } from './editor.js';

const HIDDEN = new Set(['type', 'dyad', 'eventId', 'factId', 'recordedAt', 'schemaVersion', 'coding', 'sources', 'summary', 'occurred', 'certainty']);

/** One fact: its current state, every revision with its reason and sources, refused corrections, and amend/retract. */
export async function factPage(main, factId) {
  const fact = await get(`/facts/${encodeURIComponent(factId)}`);
  const current = fact.current;
  // The incidents of its relation that respond to it (a summons answering a hack).
  const incidents = await get(`/dyads/${encodeURIComponent(fact.dyad)}/incidents`).catch(() => ({ incidents: [] }));
  const responses = incidents.incidents.filter(i => i.respondsTo === fact.factId);
  document.title = `${fact.type} · ${fact.dyad} · Bilateral`;
  replace(main,
    el('p', {}, el('a', { href: `/explore/${fact.dyad}` }, `← ${fact.dyad}`)),
    el('h1', {}, current.summary || `${fact.type}, ${fact.occurred || 'undated'}`),
    fact.retracted ? el('p', { class: 'error', role: 'note' }, 'This fact is retracted: it is kept for the record, and no read model counts it.') : null,
    el('dl', { class: 'card panel' },
      pair('Type', fact.type), pair('Dyad', fact.dyad), pair('When', fact.occurred ? `${fact.occurred} (${fact.precision})` : 'undated'),
      pair('Certainty', fact.certainty), pair('Revision', fact.revision),
      current.coding?.cameo ? pair('CAMEO', `${current.coding.cameo}, Goldstein ${current.coding.goldstein}`) : null,
      Object.entries(current).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => pair(k, display(k, v))),
      pair('Sources', sourcesOf(current.sources)), pair('Recorded', fact.recordedAt), pair('Last changed', fact.updatedAt)),
    el('h2', {}, 'History'),
    el('ol', { class: 'facts' }, fact.history.map(r => el('li', {},
      el('span', { class: 'when' }, `revision ${r.revision}`), el('span', { class: 'type' }, r.kind),
      r.reason ? ` ${r.reason}` : '', r.changes ? el('code', {}, ` ${JSON.stringify(r.changes)}`) : '',
      el('div', { class: 'sources' }, r.recordedAt, ' · recorded by ', recorder(r.recordedBy), ' · Sources: ', sourcesOf(r.sources))))),
    fact.conflicts.length ? [el('h2', {}, 'Corrections that were refused'), el('ol', { class: 'facts' }, fact.conflicts.map(c => el('li', {},
      el('span', { class: 'when' }, `based on revision ${c.basedOnRevision}`), ` ${c.reason}`)))] : null,
    current.respondsTo ? [el('h2', {}, 'Responds to'), el('p', {}, el('a', { href: `/explore/facts/${encodeURIComponent(current.respondsTo)}` }, current.respondsTo))] : null,
    responses.length ? [el('h2', {}, 'Responded to by'), el('ul', {}, responses.map(r => el('li', {},
      el('a', { href: `/explore/facts/${encodeURIComponent(r.factId)}` }, `${r.occurred || 'undated'} ${r.type}`), r.summary ? `: ${r.summary}` : '')))] : null,
    fact.retracted ? null : corrections(fact));
}

/** Who recorded a revision: the token's subject (and client), or "unknown" for events from before that was kept. */
function recorder(who) {
  if (!who || who === 'unknown') return 'unknown';
  return who.clientId ? `${who.subject} (via ${who.clientId})` : who.subject;
}

function pair(label, value) {
  return value === null || value === undefined || value === '' ? null : [el('dt', {}, label), el('dd', {}, value)];
}

function display(key, value) {
  if (value && typeof value === 'object') {
    if (Array.isArray(value)) return value.map(v => typeof v === 'object' ? (v.name || JSON.stringify(v)) : v).join(', ');
    return value.name || Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
  }
  return String(value);
}

/** Amend (a merge patch of the fact's fields) or retract it, based on the revision shown. */
function corrections(fact) {
  const status = el('p', { role: 'status', 'aria-live': 'polite' });
  const changes = el('textarea', { name: 'changes', rows: 3, cols: 50, 'data-pointer': '/changes' }, '{"summary": ""}');
  const reason = el('input', { name: 'reason', size: 50 });
  const url = el('input', { name: 'source', size: 50, type: 'url' });
  const retractReason = el('select', { name: 'retractReason' }, ['ERRONEOUS', 'DUPLICATE', 'SOURCE_WITHDRAWN', 'SUPERSEDED'].map(r => el('option', { value: r }, r)));
  const form = el('form', { class: 'panel', novalidate: true }, tokenField(),
    el('label', {}, 'Changes (JSON merge patch of the fields)', changes, el('span', { class: 'problem', 'data-problem-for': '/changes' })),
    el('label', {}, 'Reason', reason, el('span', { class: 'problem', 'data-problem-for': '/reason' })),
    el('label', {}, 'Source of the correction (URL)', url, el('span', { class: 'problem', 'data-problem-for': '/sources' })),
    el('button', { type: 'submit', name: 'amend' }, `Amend revision ${fact.revision}`), ' ',
    el('label', {}, 'Retraction reason', retractReason),
    el('button', { type: 'button', class: 'secondary', onclick: () => send('retract') }, `Retract revision ${fact.revision}`), status);
  form.addEventListener('submit', event => {
    event.preventDefault();
    send('amend');
  });

  async function send(what) {
    form.querySelectorAll('.problem').forEach(p => { p.textContent = ''; });
    if (!token()) {
      status.textContent = 'Paste an editor token first.';
      return;
    }
    const common = { dyad: fact.dyad, factId: fact.factId, basedOnRevision: fact.revision, sources: [{ url: url.value.trim() }] };
    let body;
    if (what === 'amend') {
      let patch;
      try {
        patch = JSON.parse(changes.value);
      } catch {
        form.querySelector('[data-problem-for="/changes"]').textContent = 'is not JSON';
        return;
      }
      body = { type: 'FactAmended', ...common, changes: patch, reason: reason.value.trim() };
    } else {
      body = { type: 'FactRetracted', ...common, reason: retractReason.value, note: reason.value.trim() || undefined };
    }
    try {
      const accepted = await post(body, token());
      status.textContent = 'Accepted; waiting until it is projected…';
      await readAfter(`/facts/${encodeURIComponent(fact.factId)}`, accepted.consistencyToken);
      location.reload();
    } catch (e) {
      showProblem(form, status, e);
    }
  }
  return [el('h2', {}, 'Correct this fact'), form];
}
