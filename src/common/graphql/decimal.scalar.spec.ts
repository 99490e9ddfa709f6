import { Kind } from 'graphql';
import { DecimalScalar as sut } from './decimal.scalar.js';

describe('DecimalScalar', () => {
  it('keeps decimal strings exactly as written', () => {
    for (const value of ['0', '1250.50', '-3.1', '999999999999.99', '12345678901234567890.12'])
      expect(sut.parseValue(value)).toBe(value);
  });

  it('takes integers, and integer literals, only while they are exact', () => {
    expect(sut.parseValue(1250)).toBe('1250');
    expect(sut.parseLiteral({ kind: Kind.INT, value: '42' })).toBe('42');
    expect(() => sut.parseValue(12.5)).toThrow(/string/);
    expect(() => sut.parseLiteral({ kind: Kind.FLOAT, value: '12.5' })).toThrow(/string/);
  });

  it('refuses what is not a plain decimal', () => {
    for (const value of ['', '1e3', '01.5', '1.', '.5', '1,000.00', ' 1', 'NaN', '1'.repeat(41)])
      expect(() => sut.parseValue(value)).toThrow(/Decimal must be/);
  });

  it('serializes what PostgreSQL gives for numeric as it is', () => {
    expect(sut.serialize('1250.50')).toBe('1250.50');
  });
});
