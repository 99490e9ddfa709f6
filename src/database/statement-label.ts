/**
 * What a statement is called in metrics, traces and the slow-statement log: its verb and the table
 * it works on (`INSERT leads`, `SELECT deals`, `WITH … INSERT notifications` reads `INSERT
 * notifications`). Read off the text, so no call site names its statements, and bounded: the
 * labels are verbs × tables, whatever a client sends.
 */
const VERB_TABLE =
  /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT\b[\s\S]*?\bFROM|COPY)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/i;
const VERB = /^\s*(\w+)/;

/** Texts seen, and their label: a process holds a few hundred statement texts. */
const labels = new Map<string, string>();
const MAX_CACHED = 2000;

function labelOf(text: string): string {
  // A CTE's last statement is the one the request is for (WITH … INSERT INTO notifications …).
  const body = /^\s*WITH\b/i.test(text) ? lastStatementOf(text) : text;
  const match = VERB_TABLE.exec(body);
  if (match) return `${match[1].split(/\s+/)[0].toUpperCase()} ${match[2].toLowerCase()}`;
  return (VERB.exec(text)?.[1] ?? 'statement').toUpperCase();
}

/** The statement a WITH's definitions lead to: the text after the first top-level `)` not followed by `,`. */
function lastStatementOf(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const rest = text.slice(i + 1);
      if (!/^\s*,/.test(rest)) return rest;
    }
  }
  return text;
}

export function statementLabel(text: string): string {
  let label = labels.get(text);
  if (label === undefined) {
    label = labelOf(text);
    if (labels.size < MAX_CACHED) labels.set(text, label);
  }
  return label;
}
