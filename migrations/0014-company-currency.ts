// The company's currency: what deal values default to and what pipeline totals are summed in
// (the deals pipeline). An ADMIN sets it; a constant default adds the column without a rewrite.
export const up = /* sql */ `
ALTER TABLE companies ADD COLUMN currency text NOT NULL DEFAULT 'USD'
  CONSTRAINT companies_currency_code CHECK (currency ~ '^[A-Z]{3}$');
`;

export const down = /* sql */ `
ALTER TABLE companies DROP COLUMN currency;
`;
