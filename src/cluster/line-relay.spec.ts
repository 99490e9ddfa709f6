import { PassThrough } from 'node:stream';
import { relayLines } from './line-relay.js';

describe('relayLines', () => {
  it('writes only whole lines, holding a partial one until its end arrives', () => {
    const from = new PassThrough();
    const writes: string[] = [];
    const to = new PassThrough();
    to.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    relayLines(from, to);

    from.write('{"a":1}\n{"b":');
    from.write('2}\n{"c"');
    from.write(':3}\n');
    from.end('tail without newline');

    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(writes).toEqual(['{"a":1}\n', '{"b":2}\n', '{"c":3}\n', 'tail without newline']);
        resolve();
      }),
    );
  });
});
