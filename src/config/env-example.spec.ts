import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { AppConfig } from './app-config.js';

/** Names `.env.example` sets, commented out or not (`# NAME=` documents one left unset). */
function exampleNames(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=\S*$/gm)].map((match) => match[1]);
}

describe('.env.example', () => {
  it('lists exactly the variables the configuration reads, each once', () => {
    const read = Object.keys(new AppConfig()).sort();
    const listed = exampleNames();
    expect([...listed].sort()).toEqual(read);
    expect(new Set(listed).size).toBe(listed.length);
  });
});
