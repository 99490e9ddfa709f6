import { GraphQLError } from 'graphql';
import { NotFoundException } from '../errors/app.exception.js';
import { formatGraphQLError } from './format-error.js';

describe('formatGraphQLError', () => {
  const sut = formatGraphQLError(true);

  it('gives a domain error thrown in a field resolver its code and reason, also in production', () => {
    const raised = new GraphQLError('Lead x not found', {
      path: ['lead', 'interactions'],
      originalError: new NotFoundException('Lead', 'x'),
    });
    expect(sut(raised.toJSON(), raised)).toEqual({
      message: 'Lead x not found',
      path: ['lead', 'interactions'],
      locations: undefined,
      extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND' },
    });
  });

  it('masks anything else in production', () => {
    const raised = new GraphQLError('connection terminated', {
      path: ['me'],
      originalError: new Error('connection terminated'),
    });
    expect(sut(raised.toJSON(), raised)).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' },
    });
  });
});
