import { validateSync } from 'class-validator';
import { IdField, OptionalIdField } from './id-field.decorators.js';

class Probe {
  @IdField()
  leadId!: string;

  @OptionalIdField()
  dealId?: string | null;
}

const probe = (values: Partial<Probe>): string[] =>
  validateSync(Object.assign(new Probe(), values)).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );

describe('IdField / OptionalIdField', () => {
  const uuid = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

  it('names the field that is not a UUID', () => {
    expect(probe({ leadId: 'nope', dealId: 'x' })).toEqual([
      'leadId must be a UUID',
      'dealId must be a UUID',
    ]);
  });

  it('requires the required one and lets the optional one be absent or null', () => {
    expect(probe({ dealId: null })).toEqual(['leadId must be a UUID']);
    expect(probe({ leadId: uuid })).toEqual([]);
  });
});
