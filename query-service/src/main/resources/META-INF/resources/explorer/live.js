import { get } from './api.js';

/**
 * Follows the dyad's events (GET /events/stream?dyad=…) from the stream's position now, which
 * the caller takes before its first read. The browser's EventSource reconnects by itself and
 * sends the last event id it saw (Last-Event-ID), so the stream resumes exactly after it; before
 * any event it reconnects to the same URL, whose position covers what came meanwhile. The
 * status line says "live", "reconnecting…" or "caught up".
 */
export async function follow(dyad, onEvent, status) {
  const { position } = await get('/events/stream/position');
  const source = new EventSource(`/events/stream?dyad=${encodeURIComponent(dyad)}&from=${position}`);
  let dropped = false;
  const say = (text, on) => {
    status.textContent = text;
    status.className = `live ${on ? 'on' : 'off'}`;
  };
  say('connecting…', false);
  source.addEventListener('open', () => say(dropped ? 'caught up' : 'live', true));
  source.addEventListener('error', () => {
    dropped = true;
    say(source.readyState === EventSource.CLOSED ? 'disconnected: reload the page' : 'reconnecting…', false);
  });
  source.addEventListener('message', event => {
    let cloudEvent;
    try {
      cloudEvent = JSON.parse(event.data);
    } catch {
      return;
    }
    onEvent(cloudEvent);
  });
  // The server ends a stream that fell too far behind with "overflow": reopen from where it was.
  source.addEventListener('overflow', () => say('reconnecting…', false));
  return () => source.close();
}
