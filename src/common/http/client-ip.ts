import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address of a raw Node request (a websocket handshake, which Fastify never sees),
 * believing X-Forwarded-For as far as `trust` says (config's trustFunction, as Fastify is given).
 */
export function clientIpOf(
  req: IncomingMessage,
  trust: (address: string, hop: number) => boolean,
): string {
  return proxyaddr(req, trust);
}
