import type { IncomingMessage } from 'node:http';
import { trustFunction } from '../../config/trust-proxy.js';
import { clientIpOf } from './client-ip.js';

const request = (remoteAddress: string, forwarded?: string): IncomingMessage =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

describe('clientIpOf', () => {
  const sut = (req: IncomingMessage, setting: Parameters<typeof trustFunction>[0]) =>
    clientIpOf(req, trustFunction(setting));

  it('believes no X-Forwarded-For unless told to', () => {
    expect(sut(request('10.0.0.1', '203.0.113.9'), false)).toBe('10.0.0.1');
  });

  it('believes as many hops as configured', () => {
    expect(sut(request('10.0.0.1', '198.51.100.7, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(sut(request('10.0.0.1', '198.51.100.7, 203.0.113.9'), 2)).toBe('198.51.100.7');
  });

  it('believes only the listed proxies', () => {
    expect(sut(request('10.0.0.1', '203.0.113.9'), ['10.0.0.0/8'])).toBe('203.0.113.9');
    expect(sut(request('192.0.2.1', '203.0.113.9'), ['10.0.0.0/8'])).toBe('192.0.2.1');
  });
});
