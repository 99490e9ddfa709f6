import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { renderAltair, renderInitSnippet } from 'altair-static';

/** Where the IDE's static files are served; the page itself is the GET /graphql landing page. */
export const IDE_ASSETS_PREFIX = '/graphql-ide/';
export const IDE_INIT_SCRIPT = 'init.js';

const options = {
  baseURL: IDE_ASSETS_PREFIX,
  endpointURL: '/graphql',
  serveInitialOptionsInSeperateRequest: IDE_INIT_SCRIPT,
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
