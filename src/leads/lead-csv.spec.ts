import { leadCsvStringifier, neutralizeFormula, type LeadCsvRow } from './lead-csv.js';

describe('lead CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1 555 0100', `'+1 555 0100`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Plain text', 'Plain text'],
    ['a=b', 'a=b'],
  ])('neutralises %p', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it('writes RFC 4180: header, CRLF, quotes doubled, empty for null', async () => {
    const sut = leadCsvStringifier();
    const row: LeadCsvRow = {
      id: 'id-1', first_name: 'Liam', last_name: `O"Brien, Jr`, email: 'l@example.com', phone: null, budget: '10.50',
      location: 'Line\nbreak', status: 'NEW', assigned_to_id: null, source: '=cmd', created_at: new Date('2026-01-02T03:04:05Z'), updated_at: new Date('2026-01-02T03:04:05Z'),
    };
    const chunks: string[] = [];
    sut.on('data', (c: Buffer) => chunks.push(c.toString()));
    const done = new Promise((resolve) => sut.on('end', resolve));
    sut.end(row);
    await done;
    const text = chunks.join('');
    expect(text.startsWith('id,firstName,lastName,email,phone,budget,location,status,assignedToId,source,createdAt,updatedAt\r\n')).toBe(true);
    expect(text).toContain(`id-1,Liam,"O""Brien, Jr",l@example.com,,10.50,"Line\nbreak",NEW,,'=cmd,2026-01-02T03:04:05.000Z,2026-01-02T03:04:05.000Z\r\n`);
  });
});
