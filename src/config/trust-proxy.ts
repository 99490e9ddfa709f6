import proxyaddr from 'proxy-addr';
import type { TrustProxy } from './platform.config.js';

/** Whether a hop's address is a proxy whose X-Forwarded-For to believe, as TRUST_PROXY says. */
export type TrustFunction = (address: string, hop: number) => boolean;

/** TRUST_PROXY as one function, for Fastify and for the raw requests it never sees (sockets). */
export function trustFunction(setting: TrustProxy): TrustFunction {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}
