import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { renderAltair, renderInitSnippet } from 'altair-static';

/** Where the IDE's static files are served; the page itself is the GET /graphql landing page. */
export const IDE_ASSETS_PREFIX = '/graphql-ide/';
export const IDE_INIT_SCRIPT = 'init.js';

/** What the IDE opens with: how to sign in, and where the token goes. */
const EXAMPLE_QUERY = `# Welcome to the CRM API.
#
# 1. Sign up (or log in) with the mutation below and copy the accessToken it returns.
# 2. Open "Set Headers" (the icon left of the query) and set
#      Authorization: Bearer <accessToken>
# 3. Run the query after it: your leads, with their interactions.

mutation SignUp {
  signUp(input: {
    companyName: "Acme"
    email: "ada@acme.test"
    password: "correct horse battery"
    firstName: "Ada"
    lastName: "Lovelace"
  }) {
    accessToken
    refreshToken
  }
}

query Leads {
  leadsConnection(first: 20) {
    totalCount
    edges {
      node {
        id firstName lastName email status
        interactions { type date notes }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const options = {
  baseURL: IDE_ASSETS_PREFIX,
  endpointURL: '/graphql',
  serveInitialOptionsInSeperateRequest: IDE_INIT_SCRIPT,
  initialName: 'CRM API',
  initialQuery: EXAMPLE_QUERY,
  initialHeaders: { Authorization: 'Bearer <paste the accessToken here>' },
};

/** Altair GraphQL client, from the altair-static package: no CDN, works offline. */
export function ideAssetsDirectory(): string {
  // Resolved through the package so it works from src/ (tests) and dist/ alike.
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('altair-static')), 'dist');
}

export function ideInitScript(): string {
  return renderInitSnippet(options);
}

export function ideLandingPagePlugin(): ApolloServerPlugin {
  const html = renderAltair(options);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
