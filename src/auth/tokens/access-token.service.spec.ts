import { jest } from '@jest/globals';
import { loadSlices } from '../../config/load-config.js';
import { PlatformConfig } from '../../config/platform.config.js';
import { DatabaseConfig } from '../../database/database.config.js';
import { AuthConfig } from '../auth.config.js';
import { Role } from '../role.enum.js';
import { AccessTokenService } from './access-token.service.js';

const claims = { sub: 'user-1', cid: 'company-1', role: Role.MANAGER, sid: 'session-1' };

describe('AccessTokenService', () => {
  const config = loadSlices([PlatformConfig, DatabaseConfig, AuthConfig], {
    JWT_SECRET: 'k3Yq9vTz1LmW8pRx4Nc7Bd2Hf6Gj0Ss5',
    JWT_ACCESS_TTL_SECONDS: '60',
  });
  let sut: AccessTokenService;

  beforeEach(() => {
    sut = new AccessTokenService(
      config.get(AuthConfig),
      config.get(PlatformConfig),
      config.get(DatabaseConfig),
    );
  });
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified before with the same claims', async () => {
    const token = await sut.sign(claims);
    expect(await sut.verify(token)).toEqual(claims);
    expect(await sut.verify(token)).toEqual(claims);
  });

  it('still refuses a forged token after the genuine one was verified', async () => {
    const token = await sut.sign(claims);
    await sut.verify(token);
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, role: Role.ADMIN })).toString(
      'base64url',
    );
    await expect(sut.verify(`${header}.${payload}.${signature}`)).rejects.toMatchObject({
      reason: 'INVALID_ACCESS_TOKEN',
    });
  });

  it('refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const token = await sut.sign(claims);
    expect(await sut.verify(token)).toEqual(claims);
    jest.setSystemTime(new Date('2026-01-01T00:01:01Z'));
    await expect(sut.verify(token)).rejects.toMatchObject({ reason: 'INVALID_ACCESS_TOKEN' });
  });
});
