// urql (@urql/core, with its default document cache) and graphql-request on the explorer's
// operations (web/explore-src/src/queries.graphql), against the real service.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import { GraphQLClient, ClientError } from 'graphql-request';
import { parse, print } from 'graphql';
import { endpoint, explorerDocument, explorerOperation, ids } from './service.js';

let known;
before(async () => { known = await ids(); });

// The explorer's operations with variables that reach real data, and what each answer must hold.
function operations() {
  return {
    ExploreSearch: [{ text: 'Almaty' }, (d) => {
      assert.ok(d.search.length > 0);
      for (const h of d.search) assert.ok(h.node.id && (h.node.name || h.node.text || h.node.title), JSON.stringify(h));
    }],
    ExploreNeighborhood: [{ id: known.national, depth: 1 }, (d) => {
      assert.equal(d.neighborhood.nodes[0].id, known.national);
      assert.ok(d.neighborhood.nodes.length > 1 && d.neighborhood.edges.length > 0);
      const ids = new Set(d.neighborhood.nodes.map((n) => n.id));
      for (const e of d.neighborhood.edges) assert.ok(ids.has(e.from) && ids.has(e.to), JSON.stringify(e));
    }],
    ExploreTrace: [{ from: known.school, to: known.global }, (d) => {
      assert.equal(d.shortestPath.nodes[0].id, known.school);
      assert.equal(d.shortestPath.nodes.at(-1).id, known.global);
      assert.equal(d.shortestPath.edges.length, d.shortestPath.length);
    }],
    ExploreNetworks: [{}, (d) => {
      assert.ok(d.networks.some((n) => n.scope === 'GLOBAL') && d.networks.some((n) => n.scope === 'NATIONAL'));
    }],
    ExploreKeyAreas: [{ followMappings: true }, (d) => {
      assert.ok(d.keyAreaStats.length > 0);
      // data/ links no school to a key area (the seed names the network's areas, not a
      // school's), so the events are what the stats count.
      assert.ok(d.keyAreaStats.some((s) => s.events > 0), JSON.stringify(d.keyAreaStats));
      assert.ok(d.keyAreaStats.every((s) => Number.isInteger(s.schools) && s.schools >= 0));
    }],
    ExploreGrowth: [{ id: known.global }, (d) => {
      assert.equal(d.node.id, known.global);
      assert.ok(d.node.growth.some((p) => p.basis === 'PUBLISHED') && d.node.growth.some((p) => p.basis === 'RECORDED'));
    }],
  };
}

test('the explorer has no operation these tests leave out', () => {
  const names = parse(explorerDocument).definitions.filter((d) => d.kind === 'OperationDefinition').map((d) => d.name.value);
  assert.deepEqual(names.sort(), Object.keys(operations()).sort());
});

test("urql runs the explorer's operations", async () => {
  const client = new Client({ url: endpoint, exchanges: [cacheExchange, fetchExchange] });
  for (const [name, [variables, check]] of Object.entries(operations())) {
    const res = await client.query(explorerOperation(name), variables).toPromise();
    assert.equal(res.error, undefined, `${name}: ${res.error}`);
    check(res.data);
  }
});

test('urql gets a validation error as a GraphQL error with its code', async () => {
  const client = new Client({ url: endpoint, exchanges: [cacheExchange, fetchExchange] });
  const res = await client.query(gql`{ networks { id nosuchfield } }`, {}).toPromise();
  assert.ok(res.error, 'no error');
  assert.equal(res.error.networkError, undefined, `a network error: ${res.error.networkError}`);
  assert.equal(res.error.graphQLErrors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
});

test("graphql-request runs the explorer's operations", async () => {
  const client = new GraphQLClient(endpoint);
  for (const [name, [variables, check]] of Object.entries(operations())) {
    const data = await client.request(print(explorerOperation(name)), variables);
    check(data);
  }
});

test('graphql-request gets a bad argument as a GraphQL error with its code', async () => {
  const client = new GraphQLClient(endpoint);
  await assert.rejects(client.request(`{ search(text: "   ") { score } }`), (err) => {
    assert.ok(err instanceof ClientError, `${err}`);
    assert.equal(err.response.errors[0].extensions.code, 'BAD_USER_INPUT');
    return true;
  });
});
