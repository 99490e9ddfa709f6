import { connectSocket } from '../support/socket-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Its own file: an app of its own, with a budget small enough to spend.
describe('socket handshakes and the request budget', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => sut.close());

  it('spends a point of the client IP’s budget on every handshake, anonymous ones too', async () => {
    const reasons: unknown[] = [];
    for (let i = 0; i < 4; i++)
      reasons.push(
        await connectSocket(sut.url, undefined).catch(
          (error: { data?: { reason?: string } }) => error.data?.reason,
        ),
      );
    expect(reasons).toEqual([
      'MISSING_ACCESS_TOKEN',
      'MISSING_ACCESS_TOKEN',
      'MISSING_ACCESS_TOKEN',
      'RATE_LIMITED',
    ]);
  });
});
