import { onServerFault, reportServerFault, type ServerFault } from './server-faults.js';

describe('server faults', () => {
  it('tells every reporter once per error, and none after it unsubscribed', () => {
    const told: ServerFault[] = [];
    const unsubscribe = onServerFault((fault) => told.push(fault));
    const error = new Error('boom');
    reportServerFault({ error, source: 'request' });
    reportServerFault({ error, source: 'request' });
    reportServerFault({ error: 'a string', source: 'job', task: 'retention' });
    unsubscribe();
    reportServerFault({ error: new Error('later'), source: 'request' });
    expect(told).toEqual([
      { error, source: 'request' },
      { error: 'a string', source: 'job', task: 'retention' },
    ]);
  });

  it('survives a reporter that throws', () => {
    const unsubscribe = onServerFault(() => {
      throw new Error('reporter down');
    });
    try {
      expect(() => reportServerFault({ error: new Error('x'), source: 'request' })).not.toThrow();
    } finally {
      unsubscribe();
    }
  });
});
