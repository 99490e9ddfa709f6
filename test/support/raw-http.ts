import http from 'node:http';

/** How a request on a connection of its own ended, as a client that retries must tell it. */
export type HttpEnding =
  | { kind: 'answered'; status: number; body: string }
  /** The connection was refused: the request never reached a server. */
  | { kind: 'refused' }
  /** The connection broke before an answer: the request may or may not have been done. */
  | { kind: 'broken'; error: string }
  /** No answer within the bound the caller gave: the server left the request hanging. */
  | { kind: 'hung' };

/**
 * POSTs `body` as JSON on a new connection (no keep-alive: node:cluster deals connections out, and
 * a refusal is then told apart from a connection closed under a request).
 */
export function postOnNewConnection(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  hangAfterMs = 30_000,
): Promise<HttpEnding> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ kind: 'hung' });
      req.destroy();
    }, hangAfterMs);
    const settle = (ending: HttpEnding): void => {
      clearTimeout(timer);
      resolve(ending);
    };
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...headers,
      },
    });
    req.on('response', (res) => {
      let answer = '';
      res.on('data', (c: Buffer) => (answer += c.toString()));
      res.on('end', () => settle({ kind: 'answered', status: res.statusCode ?? 0, body: answer }));
      res.on('error', (e) => settle({ kind: 'broken', error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      settle(
        e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'broken', error: e.message },
      ),
    );
    req.end(text);
  });
}

/**
 * A POST whose head and first half of body are sent on a connection the server has already
 * answered on (so it is certainly accepted, not waiting in the listen backlog); the rest when
 * `finish` is called.
 */
export async function halfSentPost(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ finish: () => void; response: Promise<HttpEnding>; close: () => void }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) =>
    http
      .get(`${url}/health`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
      .on('error', reject),
  );
  const text = JSON.stringify(body);
  const req = http.request(`${url}${path}`, {
    method: 'POST',
    agent,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    },
  });
  const response = new Promise<HttpEnding>((resolve) => {
    req.on('response', (res) => {
      let answer = '';
      res.on('data', (c: Buffer) => (answer += c.toString()));
      res.on('end', () => resolve({ kind: 'answered', status: res.statusCode ?? 0, body: answer }));
    });
    req.on('error', (e) => resolve({ kind: 'broken', error: e.message }));
  });
  const half = Math.floor(text.length / 2);
  req.write(text.slice(0, half));
  return { finish: () => req.end(text.slice(half)), response, close: () => agent.destroy() };
}
