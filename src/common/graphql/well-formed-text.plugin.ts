import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { CommonReason } from '../errors/error-reasons.js';
import { requestError } from './request-error.js';

/** With the u flag a surrogate pair is one code point, so this finds only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function holdsLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  return Object.entries(value).some(
    ([key, item]) => LONE_SURROGATE.test(key) || holdsLoneSurrogate(item, depth + 1),
  );
}

function literalHoldsLoneSurrogate(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (LONE_SURROGATE.test(node.value)) found = true;
    },
  });
  return found;
}

/**
 * Refuses text that is not well-formed UTF-16 before anything reads it: a lone surrogate has no
 * UTF-8 form, so PostgreSQL's json refuses it, its text columns would store U+FFFD instead, and
 * validator.js's isEmail throws on it (URIError) — an internal error where the input is at fault.
 */
export function wellFormedTextPlugin(): ApolloServerPlugin {
  const checked = new WeakSet<DocumentNode>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const literal = !checked.has(document) && literalHoldsLoneSurrogate(document);
          if (!literal) checked.add(document);
          if (literal || holdsLoneSurrogate(request.variables))
            throw requestError(
              'Text must be well-formed: a lone surrogate cannot be stored',
              CommonReason.UNSTORABLE_TEXT,
            );
        },
      };
    },
  };
}
