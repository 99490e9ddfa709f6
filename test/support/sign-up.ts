import { PASSWORD, unique } from './factories.js';
import { postGraphQL } from './test-app.js';

/** A new company's admin on a server the test runs as a process: their Authorization header. */
export async function signUpOn(url: string): Promise<{ authorization: string }> {
  const res = await postGraphQL<{ signUp: { accessToken: string } }>(
    `${url}/graphql`,
    'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
    {
      i: {
        companyName: `Faults ${unique()}`,
        email: `f-${unique()}@example.com`,
        password: PASSWORD,
        firstName: 'F',
        lastName: 'A',
      },
    },
  );
  if (!res.data) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
  return { authorization: `Bearer ${res.data.signUp.accessToken}` };
}
