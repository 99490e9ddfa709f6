import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CONFIG_SLICES } from '../../src/app.config.js';
import { variablesOf } from '../../src/config/config-slice.js';

/** Names `.env.example` sets, commented out or not (`# NAME=` documents one left unset). */
function exampleNames(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=\S*$/gm)].map((match) => match[1]);
}

describe('.env.example', () => {
  it('lists exactly the variables the configuration slices declare, each once', () => {
    const read = CONFIG_SLICES.flatMap((slice) => variablesOf(slice).map(({ name }) => name));
    const listed = exampleNames();
    expect([...listed].sort()).toEqual([...read].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });
});
