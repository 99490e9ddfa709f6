import { reportTags, scrubReport } from './error-report.js';

describe('scrubReport', () => {
  it('keeps no request, breadcrumb, extra, user detail or local variable', () => {
    const event = scrubReport({
      type: undefined,
      request: { headers: { authorization: 'Bearer x' }, data: '{"password":"p"}' },
      breadcrumbs: [{ message: 'm' }],
      extra: { body: 'b' },
      user: { id: 'u1', email: 'a@b.c', ip_address: '203.0.113.1' },
      exception: {
        values: [{ value: 'boom', stacktrace: { frames: [{ function: 'f', vars: { t: 'x' } }] } }],
      },
    });
    expect(event.request).toBeUndefined();
    expect(event.breadcrumbs).toBeUndefined();
    expect(event.extra).toBeUndefined();
    expect(event.user).toEqual({ id: 'u1' });
    expect(event.exception?.values?.[0].stacktrace?.frames?.[0].vars).toBeUndefined();
  });

  it('redacts credentials a message quotes, and nothing else', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLWhlcmU';
    const refresh = 'Qm9vbS1ib29tLWJvb20tYm9vbS1ib29tLWJvb20tYm9vbQ';
    const event = scrubReport({
      type: undefined,
      message: `Authorization: Bearer ${jwt}`,
      exception: {
        values: [{ value: `key crm_abcdefghijklmnop and ${refresh} for 6f1c2d3e-aaaa-bbbb` }],
      },
    });
    expect(event.message).toBe('Authorization: [redacted]');
    expect(event.exception?.values?.[0].value).toBe(
      'key [redacted] and [redacted] for 6f1c2d3e-aaaa-bbbb',
    );
  });
});

describe('reportTags', () => {
  it('names the request, operation and company, or the job outside a request', () => {
    expect(
      reportTags(
        { error: new Error(), source: 'request' },
        { requestId: 'r1', operation: { name: 'leads', type: 'query' }, companyId: 'c1' },
      ),
    ).toEqual({
      source: 'request',
      requestId: 'r1',
      operation: 'leads',
      operationType: 'query',
      companyId: 'c1',
    });
    expect(reportTags({ error: new Error(), source: 'job', task: 'retention' }, undefined)).toEqual(
      { source: 'job', task: 'retention' },
    );
  });
});
