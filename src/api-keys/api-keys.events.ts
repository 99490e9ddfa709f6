/** Domain event names of API keys. */
export const ApiKeyEvents = { Created: 'api_key.created', Revoked: 'api_key.revoked' } as const;
