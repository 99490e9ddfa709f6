import type { TestApp } from './test-app.js';

export interface FormAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A lead-capture form: POST /api/lead with an API key (none: `null`), as a form sends it. */
export async function submitLead(
  app: TestApp,
  secret: string | null,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<FormAnswer> {
  const res = await fetch(`${app.url}/api/lead`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-api-key': secret } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}
