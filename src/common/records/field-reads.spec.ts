import { declareFieldReads, fieldNeeds } from './field-reads.js';

class Note {}
declareFieldReads(Note, 'author', ['authorId']);

describe('fieldNeeds', () => {
  it('needs the selected fields, the keys declared fields read, and the id', () => {
    expect(fieldNeeds(Note, new Set(['body', 'author', '__typename']))).toEqual([
      'authorId',
      'body',
      'id',
    ]);
  });

  it('takes a field declared on another type for one of its own name', () => {
    class Other {}
    declareFieldReads(Other, 'wordCount', ['body']);
    expect(fieldNeeds(Note, new Set(['wordCount']))).toEqual(['id', 'wordCount']);
  });
});
