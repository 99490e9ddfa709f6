/** A LIKE/ILIKE pattern matching `text` anywhere, with its own % _ and \ taken literally. */
export function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
