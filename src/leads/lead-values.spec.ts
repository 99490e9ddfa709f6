import { emptyFieldsFilled } from './lead-values.js';
import type { LeadRecord as Lead } from './lead.record.js';

const lead = (fields: Partial<Lead>): Lead =>
  ({
    firstName: 'Ada',
    lastName: 'Lovelace',
    phone: null,
    location: null,
    source: null,
    ...fields,
  }) as Lead;

describe('emptyFieldsFilled', () => {
  it('takes a value only where the lead has none', () => {
    expect(
      emptyFieldsFilled(lead({ phone: '+1 555 0100' }), {
        phone: '+44 20 7946 0958',
        location: 'London',
        firstName: 'Someone',
      }),
    ).toEqual({ location: 'London' });
  });

  it('treats a blank field as empty, and ignores empty values offered', () => {
    expect(emptyFieldsFilled(lead({ lastName: '  ' }), { lastName: 'Byron', source: '' })).toEqual({
      lastName: 'Byron',
    });
  });

  it('changes nothing when nothing is offered', () => {
    expect(emptyFieldsFilled(lead({}), {})).toEqual({});
  });
});
