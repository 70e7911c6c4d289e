import { post, readAfter, schema, types, ApiError } from './api.js';
import { el, replace } from './dom.js';

const TOKEN = 'bilateral.editorToken';

/** The editor's token, pasted once and kept for this browser session only. */
export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function tokenField() {
  const input = el('input', { type: 'password', name: 'token', autocomplete: 'off', value: token() || '', size: 40 });
  input.addEventListener('change', () => input.value ? sessionStorage.setItem(TOKEN, input.value.trim()) : sessionStorage.removeItem(TOKEN));
  return el('label', {}, "Editor token (kept for this browser session only; ./bilateral token prints one)", input);
}

/** A form for a new fact of any type, built from its JSON Schema on event-service, posted there. */
export function editor(dyad, onRecorded) {
  const box = el('section', { class: 'editor', 'aria-labelledby': 'editor-title' }, el('h2', { id: 'editor-title' }, 'Record a fact'));
  const status = el('p', { role: 'status', 'aria-live': 'polite' });
  const fields = el('div');
  const typeSelect = el('select', { name: 'type' });
  const form = el('form', { class: 'panel', novalidate: true }, tokenField(),
    el('label', {}, 'Type', typeSelect), fields, el('button', { type: 'submit' }, 'Record'), status);
  box.append(form);
  types().then(catalogue => {
    const choices = catalogue.filter(t => !['FactAmended', 'FactRetracted'].includes(t.type)).map(t => t.type);
    replace(typeSelect, choices.map(t => el('option', { value: t }, t)));
    typeSelect.value = choices.includes('OfficialVisit') ? 'OfficialVisit' : choices[0];
    return build();
  }).catch(e => replace(fields, el('p', { class: 'error' }, `The form needs event-service: ${e.message}`)));
  typeSelect.addEventListener('change', () => build());

  let building = 0;
  async function build() {
    const mine = ++building;
    const type = typeSelect.value;
    const s = await schema(type);
    // A type chosen meanwhile wins: its form is the one shown.
    if (mine === building) replace(fields, objectFields(s, s, '', new Set(['type', 'dyad', 'eventId', 'factId'])));
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelectorAll('.problem').forEach(p => { p.textContent = ''; });
    const t = token();
    if (!t) {
      status.textContent = 'Paste an editor token first.';
      return;
    }
    const fact = { type: typeSelect.value, dyad, ...collect(fields) };
    status.textContent = 'Recording…';
    try {
      const accepted = await post(fact, t);
      status.textContent = 'Accepted; waiting until it is projected…';
      await readAfter(`/facts/${encodeURIComponent(accepted.factId)}`, accepted.consistencyToken);
      replace(status, 'Recorded: ', el('a', { href: `/explore/facts/${encodeURIComponent(accepted.factId)}` }, accepted.factId));
      // The page's reads carry the token too: they show the new fact, never a kept answer from before it.
      onRecorded?.(accepted.consistencyToken);
    } catch (e) {
      status.textContent = '';
      showProblem(form, status, e);
    }
  });
  return box;
}

/** Each error of a problem+json beside the field its JSON pointer names (or the nearest one that exists). */
export function showProblem(form, status, e) {
  if (!(e instanceof ApiError)) {
    status.textContent = String(e);
    return;
  }
  const errors = e.problem?.errors || [];
  let unplaced = [];
  for (const error of errors) {
    let pointer = error.pointer || '';
    let slot = null;
    while (!slot && pointer) {
      slot = form.querySelector(`[data-problem-for="${CSS.escape(pointer)}"]`);
      pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
    }
    if (slot) slot.textContent = error.detail;
    else unplaced.push(`${error.pointer}: ${error.detail}`);
  }
  status.textContent = [e.message, ...unplaced].join(' ');
  status.classList.add('error');
}

function resolve(root, node) {
  let s = node || {};
  if (s.$ref) s = s.$ref.split('/').slice(1).reduce((at, key) => at?.[key], root) || {};
  if (s.anyOf) s = s.anyOf.find(x => x.type !== 'null') || s;
  if (s.$ref) return resolve(root, s);
  return s;
}

function kind(s) {
  const types = [s.type].flat().filter(t => t && t !== 'null');
  return s.enum ? 'enum' : types[0] || (s.properties ? 'object' : 'string');
}

function objectFields(root, node, pointer, skip = new Set()) {
  const s = resolve(root, node);
  const required = new Set(s.required || []);
  return Object.entries(s.properties || {}).filter(([name]) => !skip.has(name))
    .map(([name, property]) => field(root, property, `${pointer}/${name}`, name, required.has(name)));
}

function field(root, node, pointer, name, required) {
  const s = resolve(root, node);
  const label = `${name}${required ? ' (required)' : ''}`;
  const problem = el('span', { class: 'problem', 'data-problem-for': pointer });
  const help = s.description ? el('small', {}, s.description) : null;
  switch (kind(s)) {
    case 'object':
      return el('fieldset', { 'data-object': pointer }, el('legend', {}, label), objectFields(root, s, pointer), problem);
    case 'array': {
      const items = resolve(root, s.items);
      if (kind(items) === 'object') {
        const list = el('div', { 'data-array': pointer });
        const add = () => list.append(el('fieldset', { 'data-object': `${pointer}/${list.children.length}` },
          el('legend', {}, `${name} ${list.children.length + 1}`), objectFields(root, items, `${pointer}/${list.children.length}`)));
        if (required || name === 'sources') add();
        return el('div', { class: 'field' }, list, el('button', { type: 'button', class: 'secondary', onclick: add }, `Add ${name}`), problem);
      }
      return el('div', { class: 'field' }, el('label', {}, `${label}, separated by commas`,
        el('input', { 'data-pointer': pointer, 'data-list': true, name: pointer })), help, problem);
    }
    case 'enum':
      return el('div', { class: 'field' }, el('label', {}, label, el('select', { 'data-pointer': pointer, name: pointer },
        el('option', { value: '' }, ''), s.enum.filter(v => v !== null).map(v => el('option', { value: v }, v)))), problem);
    case 'boolean':
      return el('div', { class: 'field' }, el('label', {}, label, el('select', { 'data-pointer': pointer, 'data-boolean': true, name: pointer },
        el('option', { value: '' }, ''), el('option', { value: 'true' }, 'yes'), el('option', { value: 'false' }, 'no'))), problem);
    case 'integer':
    case 'number':
      return el('div', { class: 'field' }, el('label', {}, label, el('input', { 'data-pointer': pointer, 'data-number': true, name: pointer, inputmode: 'decimal' })), help, problem);
    default:
      return el('div', { class: 'field' }, el('label', {}, label, el('input', { 'data-pointer': pointer, name: pointer,
        placeholder: s.description?.startsWith('EDTF') ? '1971-10-25, 1991-04, 2019' : '' })), help, problem);
  }
}

/** The form's values as the fact's JSON: empty fields are left out. */
function collect(container) {
  const fact = {};
  for (const input of container.querySelectorAll('[data-pointer]')) {
    const raw = input.value.trim();
    if (!raw) continue;
    let value = raw;
    if (input.dataset.list !== undefined) value = raw.split(',').map(v => v.trim()).filter(Boolean);
    else if (input.dataset.number !== undefined) value = Number(raw);
    else if (input.dataset.boolean !== undefined) value = raw === 'true';
    set(fact, input.dataset.pointer.split('/').slice(1), value);
  }
  return fact;
}

function set(target, path, value) {
  let at = target;
  path.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(path[i + 1]);
    at[key] ??= nextIsIndex ? [] : {};
    at = at[key];
  });
  at[path[path.length - 1]] = value;
}
