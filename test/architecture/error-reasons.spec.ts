import { readFileSync } from 'node:fs';
// The whole application, so that every feature has declared its reasons.
import '../../src/app.module.js';
import { reasonTableMarkdown } from '../../src/common/errors/error-reasons.js';

describe('error reasons', () => {
  it('are printed in docs/architecture.md exactly as the features declare them', () => {
    const readme = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    const printed = /<!-- reasons:start -->\n([\s\S]*?)\n<!-- reasons:end -->/.exec(readme)?.[1];
    expect(printed).toBe(reasonTableMarkdown());
  });
});
