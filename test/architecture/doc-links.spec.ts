import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** README.md and every Markdown file under docs/. */
function documents(): string[] {
  const found = [join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  return found;
}

/** The text outside fenced code blocks and inline code, where a `[x](y)` is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** `file: target` for every relative link whose file or anchor does not exist. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const text = readFileSync(file, 'utf8');
  for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto: — not this repository's
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const destination = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = `${relative(ROOT, file)}: ${target}`;
    if (!existsSync(destination)) broken.push(where);
    else if (anchor && destination.endsWith('.md')) {
      if (!anchors(readFileSync(destination, 'utf8')).has(anchor)) broken.push(where);
    }
  }
  return broken;
}

describe('the docs', () => {
  it('link only to files and headings that exist', () => {
    const files = documents();
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(brokenLinks)).toEqual([]);
  });

  it('are all reachable from the README', () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file) || !existsSync(file)) return; // a missing one is the test above’s
      reached.add(file);
      const text = prose(readFileSync(file, 'utf8'));
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)\s]*)?\)/g))
        if (!/^[a-z]+:/i.test(target)) visit(resolve(dirname(file), target));
    };
    visit(join(ROOT, 'README.md'));
    const unreached = documents().filter((file) => !reached.has(file));
    expect(unreached.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
