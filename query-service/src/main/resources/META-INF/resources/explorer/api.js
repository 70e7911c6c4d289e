// The read models (same origin) and event-service (its URL from /explorer/config.json).
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function get(path, headers = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json', ...headers } });
  } catch (e) {
    throw new ApiError(0, { title: 'query-service is not reachable', detail: 'query-service did not answer: is it running?' });
  }
  return body(response);
}

async function body(response) {
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

let settings;
export async function config() {
  settings ??= await get('/explorer/config.json');
  return settings;
}

/** Posts one fact to event-service with the editor's token; a 4xx/5xx becomes an ApiError with the problem. */
export async function post(fact, token) {
  const { eventServiceUrl } = await config();
  let response;
  try {
    response = await fetch(`${eventServiceUrl}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(fact),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'event-service is not reachable', detail: `event-service (${eventServiceUrl}) did not answer: is it running?` });
  }
  return body(response);
}

export async function schema(type) {
  const { eventServiceUrl } = await config();
  const response = await fetch(`${eventServiceUrl}/schemas/${encodeURIComponent(type)}`, { headers: { Accept: 'application/json' } });
  return body(response);
}

export async function types() {
  const { eventServiceUrl } = await config();
  const response = await fetch(`${eventServiceUrl}/schemas`, { headers: { Accept: 'application/json' } });
  return body(response);
}

/** Waits until query-service has projected the write the token stands for, then reads the path. */
export async function readAfter(path, token, attempts = 20) {
  for (let i = 0; ; i++) {
    try {
      return await get(path, { 'Bilateral-Read-After': token });
    } catch (e) {
      if (i >= attempts || ![404, 503].includes(e.status)) throw e;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}
