import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../../config/app-config.js';

/**
 * The client's address of a raw Node request (a websocket handshake, which Fastify never sees),
 * believing X-Forwarded-For as far as TRUST_PROXY says, as Fastify does for every other request.
 */
export function clientIpOf(req: IncomingMessage, setting: TrustProxy): string {
  const trust =
    setting === false
      ? () => false
      : typeof setting === 'number'
        ? (_address: string, hop: number) => hop < setting
        : proxyaddr.compile(setting);
  return proxyaddr(req, trust);
}
