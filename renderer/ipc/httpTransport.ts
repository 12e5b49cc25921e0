/**
 * `window.companion` for the browser harness: the same contract over the loopback HTTP bridge.
 * The token comes from the page's URL fragment (never sent to any server by the browser) and goes
 * in an Authorization header; events arrive as server-sent events read through fetch, because
 * EventSource cannot send that header.
 */
import type { CompanionTransport } from '../../shared/ipc/define';
import type { Result } from '../../shared/result';

export function tokenFromFragment(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && /^[A-Za-z0-9_-]{20,}$/.test(token) ? token : undefined;
}

export function createHttpTransport(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): CompanionTransport {
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: AbortController | undefined;

  const dispatch = (frame: string): void => {
    let name = '';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (name === '' || data === '') return;
    const payload: unknown = JSON.parse(data);
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  const openStream = (): void => {
    const controller = new AbortController();
    stream = controller;
    void (async () => {
      const response = await fetchImpl(`${baseUrl}/events`, { headers, signal: controller.signal });
      if (!response.ok || response.body === null) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += value;
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          dispatch(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
      }
    })().catch(() => {
      // The harness stopped or the page is closing; screens keep their last state.
    });
  };

  return {
    async invoke(channel, args) {
      const response = await fetchImpl(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: args === undefined ? '' : JSON.stringify(args),
      });
      return (await response.json()) as Result<unknown>;
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      if (stream === undefined) openStream();
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((each) => each.size === 0)) {
          stream?.abort();
          stream = undefined;
        }
      };
    },
  };
}
