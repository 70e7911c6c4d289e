import { get, ApiError } from './api.js';
import { el, replace, table, sourcesOf } from './dom.js';
import { axis, list } from './timeline.js';
import { scores, trade } from './charts.js';
import { follow } from './live.js';
import { editor } from './editor.js';

const FILTERS = ['type', 'from', 'to', 'actor', 'q'];

/** The page of one relation: summary card, filters kept in the URL, the time axis, registers and charts, live. */
export async function dyadPage(main, dyad) {
  const summary = await get(`/dyads/${encodeURIComponent(dyad)}`).catch(e => e.status === 404 ? null : Promise.reject(e));
  const id = summary ? summary.dyad : dyad.toUpperCase();
  document.title = `${id} · Bilateral`;
  const timelineBox = el('section', { 'aria-labelledby': 'timeline-title' });
  const registersBox = el('section', { 'aria-labelledby': 'registers-title' });
  const cardBox = el('section', { 'aria-labelledby': 'summary-title' });
  replace(main,
    el('h1', {}, summary ? summary.actors.map(a => a.name).join(' – ') : id, ' ', el('small', { class: 'type' }, id)),
    cardBox, filterForm(summary), timelineBox, registersBox, editor(id, token => refresh(token)));

  // Each refresh reads everything anew; one that a later refresh overtook shows nothing.
  let generation = 0;
  async function refresh(readAfter) {
    const mine = ++generation;
    const headers = readAfter ? { 'Bilateral-Read-After': readAfter } : {};
    const [current, facts, registered] = await Promise.all([
      get(`/dyads/${encodeURIComponent(id)}`, headers).catch(e => e.status === 404 ? null : Promise.reject(e)),
      timeline(id, headers).catch(e => e.status === 400 ? filterProblem(e) : Promise.reject(e)),
      registers(id, headers)]);
    if (mine !== generation) return;
    replace(cardBox, el('h2', { id: 'summary-title' }, 'At a glance'), current ? card(current) : el('p', { class: 'empty' }, 'No facts are recorded under this relation yet.'));
    if (facts === null) {
      replace(timelineBox, el('h2', { id: 'timeline-title' }, 'Timeline'), el('p', { class: 'error', role: 'alert' }, 'A filter is not valid: see beside it.'));
      return;
    }
    replace(timelineBox, el('h2', { id: 'timeline-title' }, `Timeline (${facts.length} facts)`),
      facts.length ? [axis(facts), list(facts, id)] : el('p', { class: 'empty' }, 'No facts match.'));
    replace(registersBox, el('h2', { id: 'registers-title' }, 'Registers'), registered);
  }

  // Subscribed before the first read: whatever commits from now on triggers a refresh, so
  // nothing committed between the first read and the subscription is missed.
  let pending;
  await follow(id, () => {
    // A burst of events is one refresh; the read models have them once the stream sends them.
    clearTimeout(pending);
    pending = setTimeout(() => refresh().catch(showError(main)), 200);
  }, document.getElementById('live'));
  await refresh();
}

/** Every page of the filtered timeline (the filters are the URL's). */
async function timeline(dyad, headers = {}) {
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams({ limit: '200' });
  for (const name of FILTERS) {
    for (const value of params.getAll(name)) if (value) query.append(name, value);
  }
  const facts = [];
  let cursor = null;
  do {
    if (cursor) query.set('cursor', cursor);
    const page = await get(`/dyads/${encodeURIComponent(dyad)}/timeline?${query}`, headers)
      .catch(e => e.status === 404 ? { facts: [], nextCursor: null } : Promise.reject(e));
    facts.push(...page.facts);
    cursor = page.nextCursor;
  } while (cursor && facts.length < 5000);
  return facts;
}

/** A refused filter (400, its parameter in errors[0].pointer): the reason beside its field. */
function filterProblem(e) {
  for (const error of e.problem?.errors || [e.problem]) {
    const slot = document.getElementById(`filter-${error?.pointer}-problem`);
    if (slot) slot.textContent = error.detail;
  }
  return null;
}

function filterForm(summary) {
  const params = new URLSearchParams(location.search);
  const types = Object.keys(summary?.countsByType || {});
  const field = (name, label, attrs = {}) => el('label', {}, label,
    el('input', { name, value: params.get(name) || '', ...attrs }), el('span', { class: 'problem', id: `filter-${name}-problem` }));
  const form = el('form', { class: 'filters panel', role: 'search', 'aria-label': 'Filter the timeline' },
    el('label', {}, 'Type', el('select', { name: 'type' }, el('option', { value: '' }, 'any'),
      types.map(t => el('option', { value: t, selected: params.get('type') === t }, t)))),
    field('from', 'From (EDTF)', { placeholder: '2019', size: 10 }),
    field('to', 'To (EDTF)', { placeholder: '2019-07', size: 10 }),
    field('actor', 'Actor', { placeholder: 'CHN', size: 6 }),
    field('q', 'Words', { placeholder: 'Verhofstadt' }),
    el('button', { type: 'submit' }, 'Filter'),
    el('button', { type: 'button', class: 'secondary', onclick: () => { location.search = ''; } }, 'Clear'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) query.append(name, value);
    // The view is the URL: a reload or a shared link shows the same.
    location.search = query.toString();
  });
  return form;
}

function card(s) {
  const item = (label, value) => value === null || value === undefined || value === '' ? null : [el('dt', {}, label), el('dd', {}, value)];
  const balance = s.balance ? `${s.balance.net >= 0 ? '+' : ''}${s.balance.net} (cooperation ${s.balance.cooperation}, conflict ${s.balance.conflict})` : null;
  return el('dl', { class: 'card panel' },
    item('Relations since', s.relationsSince ? `${s.relationsSince.date} (${s.relationsSince.precision})` : 'not recorded'),
    item('Current status', s.currentStatus),
    (s.representation || []).map(r => item(`${r.sendingState} represented in ${r.receivingState}`, `${label(r.level)} since ${r.since}`)),
    item('Open missions', s.openMissions),
    item('Latest visit', s.latestVisit ? `${s.latestVisit.visitor} (${s.latestVisit.office || s.latestVisit.visitingState}), ${s.latestVisit.occurred}` : null),
    item('Latest trade figure', s.latestTrade ? `${s.latestTrade.occurred}: ${s.latestTrade.value?.toLocaleString?.('en') ?? s.latestTrade.qualifier ?? ''} ${s.latestTrade.currency || ''} (${s.latestTrade.flow})` : null),
    item('Cooperation–conflict balance', balance),
    item('Facts', s.factCount));
}

function label(level) {
  return { AMBASSADOR: 'ambassador', CHARGE_D_AFFAIRES: "chargé d'affaires", NONE: 'none' }[level] || level;
}

const fact = row => el('a', { href: `/explore/facts/${encodeURIComponent(row.factId)}` }, row.occurred || 'undated');
const src = row => sourcesOf(row.sources);

async function registers(dyad, headers = {}) {
  const d = encodeURIComponent(dyad);
  const read = path => get(`/dyads/${d}/${path}`, headers).catch(() => null);
  const byMonth = new URLSearchParams(location.search).get('scores') === 'month';
  const [visits, missions, tradeReg, incidents, memberships, measures, disputes, representation, people, scoreSeries] = await Promise.all(
    ['visits', 'missions', 'trade', 'incidents', 'memberships', 'measures', 'disputes', 'representation', 'people',
      byMonth ? 'scores?by=month' : 'scores'].map(read));
  const sections = [
    ['Visits', table('Visits', [['When', fact], ['Visitor', r => r.visitor?.name], ['Office', r => r.office], ['From', r => r.visitingState], ['To', r => r.hostState], ['Sources', src]], visits?.visits)],
    ['Missions', table('Missions', [['Kind', r => r.kind], ['Of', r => r.sendingState], ['In', r => r.city], ['Status', r => r.status], ['Since', r => r.since]], missions?.missions)],
    ['Trade', [trade(tradeReg?.trade), table('Trade', [['When', fact], ['Reporter', r => r.reporter], ['Flow', r => r.flow], ['Value', r => r.value?.toLocaleString?.('en') ?? r.qualifier], ['Currency', r => r.currency], ['Rank', r => r.partnerRank], ['Share %', r => r.sharePercent], ['Sources', src]], tradeReg?.trade)]],
    ['Incidents', table('Incidents', [['When', fact], ['Type', r => r.type], ['Accused / target', r => r.accused || r.target || r.targets?.join?.(', ')], ['Certainty', r => r.certainty], ['Summary', r => r.summary], ['Sources', src]], incidents?.incidents)],
    ['Memberships', table('Memberships', [['When', fact], ['Member', r => r.member], ['Format or organisation', r => r.organisation], ['Led by', r => r.ledBy], ['Change', r => r.change], ['Sources', src]], memberships?.memberships)],
    ['Economic measures', table('Economic measures', [['Started', r => r.started], ['By', r => r.imposedBy], ['On', r => r.imposedOn], ['Measure', r => r.measure], ['Goods', r => r.goods], ['Status', r => r.status], ['Lifted', r => r.lifted]], measures?.measures)],
    ['Legal disputes', table('Legal disputes', [['Forum', r => r.forum], ['Case', r => r.caseId], ['Complainant', r => r.complainant + (r.onBehalfOf ? ` for ${r.onBehalfOf}` : '')], ['Respondent', r => r.respondent], ['Current step', r => r.currentStep], ['Steps', r => r.steps.map(s => `${s.occurred} ${s.step}`).join('; ')]], disputes?.disputes)],
    ['Representation', table('Representation', [['When', fact], ['Of', r => r.sendingState], ['In', r => r.receivingState], ['Action', r => r.action], ['Level after', r => label(r.level)], ['Envoy', r => r.envoy?.name], ['Sources', src]], representation?.changes)],
    ['People', table('People', [['Name', r => r.wikidataId ? el('a', { href: `https://www.wikidata.org/wiki/${r.wikidataId}`, rel: 'noopener noreferrer' }, r.name) : r.name],
      ['Roles', r => r.roles.map(role => `${role.role}${role.office ? ` (${role.office})` : ''}, ${role.occurred || 'undated'}`).join('; ')]], people?.people)],
    [`Cooperation and conflict by ${byMonth ? 'month' : 'year'}`, scoreSeries?.series?.length ? [scoresToggle(byMonth), scores(scoreSeries.series)] : null],
  ];
  const shown = sections.filter(([, content]) => [content].flat().some(Boolean));
  return shown.length ? shown.map(([title, content]) => el('div', {}, el('h3', {}, title), content))
    : el('p', { class: 'empty' }, 'No register has entries yet.');
}

/** By year or by month: kept in the URL with the filters. */
function scoresToggle(byMonth) {
  const query = new URLSearchParams(location.search);
  if (byMonth) query.delete('scores');
  else query.set('scores', 'month');
  return el('p', {}, el('a', { href: `?${query}` }, byMonth ? 'Show by year' : 'Show by month (facts dated to the month)'));
}

export function showError(main) {
  return e => replace(main, el('h1', {}, 'Something went wrong'),
    el('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : String(e)),
    el('p', {}, el('a', { href: location.href }, 'Try again')));
}
