import { declareFieldReads, recordKeysFor } from './field-reads.js';

class Note {}
const RECORD = { id: 1, body: 1, authorId: 1, leadId: 1, createdAt: 1 };
declareFieldReads(Note, 'author', ['authorId']);

describe('recordKeysFor', () => {
  it('reads the columns selected, the ids declared fields follow, and the id', () => {
    const sut = recordKeysFor(Note, RECORD, new Set(['body', 'author', '__typename']));
    expect([...sut!].sort()).toEqual(['authorId', 'body', 'id']);
  });

  it('reads the whole row for a field it cannot see into', () => {
    expect(recordKeysFor(Note, RECORD, new Set(['body', 'wordCount']))).toBeNull();
    // Declared on another type only: not this one's.
    class Other {}
    declareFieldReads(Other, 'wordCount', ['body']);
    expect(recordKeysFor(Note, RECORD, new Set(['wordCount']))).toBeNull();
  });

  it('does not take an inherited property for a column', () => {
    expect(recordKeysFor(Note, RECORD, new Set(['toString']))).toBeNull();
  });
});
