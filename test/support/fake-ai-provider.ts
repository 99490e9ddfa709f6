import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * Plays an OpenAI-compatible provider on loopback: each call is answered by the next handler
 * given (the last one repeats), and every call is kept for the test to read.
 */
export class FakeAiProvider {
  readonly calls: { headers: IncomingMessage['headers']; body: string }[] = [];
  private handlers: Handler[] = [];
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      this.calls.push({ headers: req.headers, body });
      const handler = this.handlers[Math.min(this.calls.length, this.handlers.length) - 1];
      handler(req, res, body);
    });
  });

  answer(...handlers: Handler[]): void {
    this.handlers = handlers;
    this.calls.length = 0;
  }

  /** The API root to configure (AI_BASE_URL). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A chat completion whose message is `content`. */
export const completion =
  (content: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
  };

/** An error answer with this status. */
export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end('{"error":{"message":"nope"}}');
  };

/** Never answers: the client's timeout must end the call. */
export const silent: Handler = () => undefined;
