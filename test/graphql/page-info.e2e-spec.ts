import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface PageOfUsers {
  usersConnection: {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

const PAGE = `query($after: String) { usersConnection(first: 2, after: $after) {
  edges { cursor node { id } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

describe('PageInfo of a connection (Relay cursor connections, forward only)', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    await newUser(sut, admin, Role.MANAGER);
    await newUser(sut, admin, Role.SALES_REP);
  });
  afterAll(() => sut.close());

  async function page(after?: string | null): Promise<PageOfUsers['usersConnection']> {
    const res = await sut.gql<PageOfUsers>(PAGE, { after }, admin.token);
    expect(res.errors).toBeUndefined();
    return res.data!.usersConnection;
  }

  it('marks the first page as having none before it, and names its first and last cursors', async () => {
    const first = await page();
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0].cursor,
      endCursor: first.edges[1].cursor,
    });
  });

  it('marks a page asked for after a cursor as having one before it', async () => {
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges).toHaveLength(1);
    expect(second.edges[0].node.id).not.toBe(first.edges[1].node.id);
    expect(second.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: second.edges[0].cursor,
      endCursor: second.edges[0].cursor,
    });
  });

  it('gives null cursors on an empty page past the end', async () => {
    const second = await page((await page()).pageInfo.endCursor);
    const past = await page(second.pageInfo.endCursor);
    expect(past).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it('reads an empty `after` as none, as the lists do', async () => {
    expect((await page('')).pageInfo).toMatchObject({ hasPreviousPage: false });
  });
});
