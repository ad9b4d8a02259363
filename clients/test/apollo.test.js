// Apollo Client (the current major) against the real service, set up as docs/clients.md says:
// an InMemoryCache with possibleTypes generated from the live schema by graphql-codegen's
// fragment-matcher plugin, and relayStylePagination on the connections.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, HttpLink, InMemoryCache, gql, CombinedGraphQLErrors } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { generate } from '@graphql-codegen/cli';
import { buildSchema } from 'graphql';
import { firstValueFrom, filter } from 'rxjs';
import { endpoint, explorerOperation, schemaFile, ids } from './service.js';

let possibleTypes;
let known;

before(async () => {
  // What `graphql-codegen` does with a codegen.yml of `schema: <endpoint>` and a
  // possibleTypes.json output with the fragment-matcher plugin: it introspects the URL.
  const [out] = await generate({
    schema: endpoint,
    silent: true,
    generates: { 'possibleTypes.json': { plugins: ['fragment-matcher'] } },
  }, false);
  ({ possibleTypes } = JSON.parse(out.content));
  known = await ids();
});

function client(options = {}) {
  return new ApolloClient({
    link: new HttpLink({ uri: endpoint }),
    cache: new InMemoryCache({
      possibleTypes,
      typePolicies: {
        Query: { fields: { schools: relayStylePagination(['filter']), events: relayStylePagination(['filter', 'newestFirst']) } },
        Network: { fields: { memberships: relayStylePagination(['asOf']) } },
      },
      ...options,
    }),
  });
}

test('possibleTypes from the live schema list every implementation of Node', () => {
  const schema = buildSchema(schemaFile);
  const want = schema.getPossibleTypes(schema.getType('Node')).map((t) => t.name).sort();
  assert.deepEqual([...possibleTypes.Node].sort(), want);
  assert.ok(want.includes('School') && want.includes('Network'), `Node's types: ${want}`);
});

const schoolsPage = gql`
  query Schools($first: Int, $after: String, $last: Int, $before: String) {
    schools(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name city { id name } } }
    }
  }
`;

// loaded keeps a watched query (an rxjs Observable in Apollo Client 4) active, as a component
// that shows it would, until the test ends, and waits for its first complete result.
function loaded(t, watch) {
  const sub = watch.subscribe(() => {});
  t.after(() => sub.unsubscribe());
  return firstValueFrom(watch.pipe(filter((r) => r.dataState === 'complete')));
}

test('paging the schools two at a time gives exactly the list of one big page', async (t) => {
  const big = await client().query({ query: schoolsPage, variables: { first: 100 } });
  const all = big.data.schools.edges.map((e) => e.node.name);
  assert.ok(all.length > 2, `only ${all.length} schools: paging by two would not page`);
  assert.equal(big.data.schools.totalCount, all.length);

  const c = client();
  const variables = { first: 2 };
  const watch = c.watchQuery({ query: schoolsPage, variables });
  let { data } = await loaded(t, watch);
  let pages = 1;
  while (data.schools.pageInfo.hasNextPage) {
    await watch.fetchMore({ variables: { first: 2, after: data.schools.pageInfo.endCursor } });
    data = c.readQuery({ query: schoolsPage, variables });
    pages++;
    assert.ok(pages <= all.length, 'paging does not end');
  }
  assert.equal(pages, Math.ceil(all.length / 2));
  assert.deepEqual(data.schools.edges.map((e) => e.node.name), all);
  assert.equal(data.schools.pageInfo.hasPreviousPage, false);
});

test('paging the schools backward two at a time gives the same list', async (t) => {
  const big = await client().query({ query: schoolsPage, variables: { first: 100 } });
  const all = big.data.schools.edges.map((e) => e.node.name);

  const c = client();
  const variables = { last: 2 };
  const watch = c.watchQuery({ query: schoolsPage, variables });
  let { data } = await loaded(t, watch);
  assert.deepEqual(data.schools.edges.map((e) => e.node.name), all.slice(-2));
  let pages = 1;
  while (data.schools.pageInfo.hasPreviousPage) {
    await watch.fetchMore({ variables: { last: 2, before: data.schools.pageInfo.startCursor } });
    data = c.readQuery({ query: schoolsPage, variables });
    pages++;
    assert.ok(pages <= all.length, 'paging does not end');
  }
  assert.deepEqual(data.schools.edges.map((e) => e.node.name), all);
});

test("search, neighbourhood and path results keep their fields through the explorer's fragments", async () => {
  const c = client();
  const search = await c.query({ query: explorerOperation('ExploreSearch'), variables: { text: 'Almaty' } });
  assert.ok(search.data.search.length > 0, 'no hits for Almaty');
  for (const hit of search.data.search) {
    assert.ok(hit.node.id && hit.node.__typename, `hit without id or __typename: ${JSON.stringify(hit)}`);
    assert.ok(hit.node.name || hit.node.text || hit.node.title, `hit lost its fields: ${JSON.stringify(hit.node)}`);
  }

  const around = await c.query({ query: explorerOperation('ExploreNeighborhood'), variables: { id: known.school, depth: 1 } });
  const nodes = around.data.neighborhood.nodes;
  assert.equal(nodes[0].id, known.school);
  assert.ok(nodes.length > 1, 'a school with no neighbours');
  for (const n of nodes) {
    assert.ok(n.name || n.text || n.title, `neighbour lost its fields: ${JSON.stringify(n)}`);
  }
  assert.ok(around.data.neighborhood.edges.length >= nodes.length - 1);

  const path = await c.query({ query: explorerOperation('ExploreTrace'), variables: { from: known.school, to: known.global } });
  const p = path.data.shortestPath;
  assert.ok(p && p.length >= 1, 'no path from a school to the global network');
  assert.equal(p.nodes.length, p.length + 1);
  assert.equal(p.nodes[0].id, known.school);
  assert.equal(p.nodes.at(-1).id, known.global);
  for (const n of p.nodes) assert.ok(n.name, `path node lost its name: ${JSON.stringify(n)}`);
  for (const e of p.edges) assert.ok(e.citations.every((cite) => cite.source.title), 'a citation without its source');
});

test('without possibleTypes the cache drops the fields of Node fragments (why the set-up needs them)', async () => {
  const bare = new ApolloClient({ link: new HttpLink({ uri: endpoint }), cache: new InMemoryCache() });
  const res = await bare.query({ query: explorerOperation('ExploreNeighborhood'), variables: { id: known.school, depth: 1 } });
  const lost = res.data.neighborhood.nodes.filter((n) => !n.name && !n.text && !n.title);
  assert.ok(lost.length > 0, 'every node kept its fields without possibleTypes: docs/clients.md says otherwise');
});

test('two queries selecting different fields of the same memberships both stay whole in the cache', async () => {
  const c = client();
  const sinceQuery = gql`query Since($id: ID!) { node(id: $id) { id ... on School { memberships { id since network { id name } } } } }`;
  const statusQuery = gql`query Status($id: ID!) { node(id: $id) { id ... on School { memberships { id status founding } } } }`;
  const first = await c.query({ query: sinceQuery, variables: { id: known.school } });
  await c.query({ query: statusQuery, variables: { id: known.school } });
  const again = c.readQuery({ query: sinceQuery, variables: { id: known.school } });
  assert.ok(again, 'the first query is no longer complete in the cache');
  assert.deepEqual(again, first.data);
  const both = c.readQuery({ query: statusQuery, variables: { id: known.school } });
  assert.ok(both.node.memberships.length > 0 && both.node.memberships.every((m) => m.status));
});

test('a validation error arrives as a GraphQL error with its code', async () => {
  const c = client();
  await assert.rejects(
    c.query({ query: gql`{ schools { edges { node { id nosuchfield } } } }` }),
    (err) => {
      assert.ok(CombinedGraphQLErrors.is(err), `not GraphQL errors but ${err.constructor.name}: ${err.message}`);
      assert.equal(err.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      return true;
    });
});

test('a bad argument arrives as a GraphQL error naming it', async () => {
  const c = client();
  await assert.rejects(
    c.query({ query: schoolsPage, variables: { first: 1000 } }),
    (err) => {
      assert.ok(CombinedGraphQLErrors.is(err), `not GraphQL errors but ${err.constructor.name}: ${err.message}`);
      assert.equal(err.errors[0].extensions.code, 'BAD_USER_INPUT');
      assert.match(err.errors[0].message, /first/);
      return true;
    });
});
