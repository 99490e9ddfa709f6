import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CONFIG_SLICES } from '../../src/app.config.js';
import { variablesOf } from '../../src/config/config-slice.js';
import { configurationDoc } from '../../src/config/configuration-doc.js';

const DOC = new URL('../../docs/configuration.md', import.meta.url);

describe('docs/configuration.md', () => {
  it('is the table the configuration slices declare (`pnpm docs:config` rewrites it)', () => {
    const rendered = configurationDoc(CONFIG_SLICES);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });

  it('gets from every variable one line saying what it decides, and one owner', () => {
    const declared = CONFIG_SLICES.flatMap((slice) => variablesOf(slice));
    expect(declared.length).toBeGreaterThan(60);
    expect(
      declared.filter((v) => v.description.trim() === '' || v.description.includes('\n')),
    ).toEqual([]);
    const names = declared.map((v) => v.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(CONFIG_SLICES.filter((slice) => !slice.feature)).toEqual([]);
  });
});
