import { normalize, receive } from './submission.js';

describe('receive', () => {
  it('fingerprints a JSON body by its canonical form: key order and spacing do not count', () => {
    const a = receive(Buffer.from('{"email":"a@x.io","firstName":"Ann","tags":{"b":1,"a":2}}'));
    const b = receive(
      Buffer.from('{ "tags": {"a":2, "b":1}, "firstName": "Ann", "email": "a@x.io" }'),
    );
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(receive(Buffer.from('{"email":"b@x.io"}')).fingerprint).not.toBe(a.fingerprint);
  });

  it('says when jsonb could not hold the JSON: a NUL or a lone surrogate in a string', () => {
    expect(receive(Buffer.from('{"a":"x"}')).storableJson).toBe(true);
    expect(receive(Buffer.from('{"a":"x\\u0000y"}')).storableJson).toBe(false);
    expect(receive(Buffer.from('{"a":"\\ud800"}')).storableJson).toBe(false);
  });

  it('keeps a body that is not JSON as bytes, fingerprinted by them', () => {
    const body = receive(Buffer.from('email=a@x.io&name=Ann'));
    expect(body.json).toBeUndefined();
    expect(body.fingerprint).not.toBe(receive(Buffer.from('email=a@x.io&name=Bob')).fingerprint);
  });

  it('never throws, even on JSON nested deeper than it can canonicalize', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = receive(Buffer.from(deep));
    expect(body.storableJson).toBe(false);
    expect(body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('normalize', () => {
  it('maps the sender’s fields in any case or underscore spelling', () => {
    const result = normalize({
      First_Name: ' Ann ',
      lastname: 'Lee',
      EMAIL: ' Ann.Lee@Example.COM ',
      phone: 5550123,
      country: 'PT',
      lang: 'pt-PT',
      click_id: 'c-1',
      CREO: 'banner-7',
      domain: 'example.com',
      ip: '203.0.113.9',
      marker: 'm',
      offer: 'o',
      sourceType: 'facebook',
      description: 'Wants a call',
      unknownField: 'kept in the raw row only',
    });
    expect(result).toEqual({
      kind: 'lead',
      omitted: [],
      lead: {
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann.lee@example.com',
        phone: '5550123',
        country: 'PT',
        language: 'pt-PT',
        source: 'facebook',
        attribution: {
          clickId: 'c-1',
          creo: 'banner-7',
          domain: 'example.com',
          ip: '203.0.113.9',
          marker: 'm',
          offer: 'o',
          sourceType: 'facebook',
          description: 'Wants a call',
        },
      },
    });
  });

  it('leaves out, and names, what does not fit its column; missing names become empty', () => {
    const result = normalize({ email: 'a@x.io', phone: '1'.repeat(40), country: { code: 'PT' } });
    expect(result).toMatchObject({
      kind: 'lead',
      omitted: ['phone', 'country'],
      lead: { firstName: '', lastName: '', phone: null, country: null, attribution: null },
    });
  });

  it('tells a JSON object without a usable e-mail from a body that is not an object', () => {
    expect(normalize({ firstName: 'Ann' })).toEqual({ kind: 'no-email', omitted: [] });
    expect(normalize({ email: 'not an email' })).toEqual({ kind: 'no-email', omitted: ['email'] });
    for (const json of [null, 'text', 42, ['a@x.io'], undefined])
      expect(normalize(json)).toEqual({ kind: 'not-an-object' });
  });
});
