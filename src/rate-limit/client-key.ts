import ipaddr from 'ipaddr.js';
import { isIPv4 } from 'node:net';

/**
 * The key a client's rate limits count under. An IPv6 client usually holds a whole /64 (2^64
 * addresses): keyed by address it could take a fresh budget for every request, so it is keyed by
 * its /64. IPv4 (and IPv4 mapped into IPv6) by address.
 */
export function clientKey(ip: string): string {
  // The common case, without parsing: a dotted quad is its own key.
  if (isIPv4(ip)) return ip;
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
