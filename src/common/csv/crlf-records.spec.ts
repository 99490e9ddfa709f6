import { Readable } from 'node:stream';
import { CrlfRecords } from './crlf-records.js';

async function through(chunks: string[]): Promise<string> {
  const sut = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(new CrlfRecords());
  const out: Buffer[] = [];
  for await (const chunk of sut) out.push(chunk as Buffer);
  return Buffer.concat(out).toString();
}

describe('CrlfRecords', () => {
  it('ends every record with CRLF', async () => {
    expect(await through(['a,b\n1,2\n'])).toBe('a,b\r\n1,2\r\n');
  });

  it('keeps line feeds inside quoted fields, also when the quote spans chunks', async () => {
    expect(await through(['id,notes\n1,"line one\n', 'line ""two""\n', 'end"\n2,x\n'])).toBe(
      'id,notes\r\n1,"line one\nline ""two""\nend"\r\n2,x\r\n',
    );
  });

  it('passes chunks without line feeds or quotes through untouched', async () => {
    expect(await through(['abc', 'def\n'])).toBe('abcdef\r\n');
  });
});
