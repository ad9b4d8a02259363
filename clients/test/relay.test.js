// Relay (relay-compiler and relay-runtime) against the real service: the documents of
// clients/relay/src are compiled against the schema, then the refetchable, paginated fragment
// on the schools is read through Relay's store, forward and backward, two at a time, as
// usePaginationFragment's loadNext and loadPrevious do.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import relay from 'relay-runtime';
import { endpoint, post, schemaFile } from './service.js';

const { Environment, Network, RecordSource, Store, fetchQuery, createOperationDescriptor, createReaderSelector, ROOT_ID } = relay;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

let dir;
let pagination;
let fragment;
let nodeQuery;
before(() => {
  // relay-compiler reads the schema from one .graphql file (graph/*.graphqls joined) and
  // writes the artifacts next to the documents: compile a copy of clients/relay in a
  // directory of its own.
  dir = mkdtempSync(join(tmpdir(), 'aspgraph-relay-'));
  cpSync(here('../relay'), dir, { recursive: true });
  writeFileSync(join(dir, 'schema.graphql'), schemaFile);
  execFileSync(here('../node_modules/.bin/relay-compiler'), [], { cwd: dir, stdio: 'pipe' });
  const require = createRequire(join(dir, 'src', 'x.js'));
  pagination = require('./__generated__/schoolsListPaginationQuery.graphql.js');
  fragment = require('./__generated__/schoolsList_query.graphql.js');
  nodeQuery = require('./__generated__/schoolsNodeQuery.graphql.js');
});
test.after(() => dir && rmSync(dir, { recursive: true, force: true }));

function environment() {
  return new Environment({
    network: Network.create(async (params, variables) => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: params.text, variables }),
      });
      return res.json();
    }),
    store: new Store(new RecordSource()),
  });
}

// readSchools reads the fragment as the component would: the connection that Relay's store
// has merged from every page fetched so far.
function readSchools(env, variables) {
  const op = createOperationDescriptor(pagination, variables);
  return env.lookup(createReaderSelector(fragment, ROOT_ID, op.request.variables, op.request)).data.schools;
}

test('the paginated fragment read forward and backward two at a time is the whole list', async () => {
  const { data } = await post('{ schools(first: 100) { edges { node { id } } } }');
  const all = data.schools.edges.map((e) => e.node.id);
  assert.ok(all.length > 2, `only ${all.length} schools`);

  for (const backward of [false, true]) {
    const env = environment();
    let variables = backward ? { last: 2 } : { first: 2 };
    await fetchQuery(env, pagination, variables).toPromise();
    for (let pages = 1; ; pages++) {
      const schools = readSchools(env, variables);
      const more = backward ? schools.pageInfo.hasPreviousPage : schools.pageInfo.hasNextPage;
      if (!more) {
        assert.deepEqual(schools.edges.map((e) => e.node.id), all, backward ? 'backward' : 'forward');
        assert.equal(pages, Math.ceil(all.length / 2));
        break;
      }
      assert.ok(pages <= all.length, 'paging does not end');
      variables = backward ? { last: 2, before: schools.pageInfo.startCursor } : { first: 2, after: schools.pageInfo.endCursor };
      await fetchQuery(env, pagination, variables).toPromise();
    }
  }
});

test('a node query keeps its fields and the memberships their ids', async () => {
  const { data } = await post('{ schools(first: 1) { edges { node { id name } } } }');
  const school = data.schools.edges[0].node;
  const env = environment();
  const got = await fetchQuery(env, nodeQuery, { id: school.id }).toPromise();
  assert.equal(got.node.id, school.id);
  assert.equal(got.node.name, school.name);
  assert.ok(got.node.memberships.length > 0 && got.node.memberships.every((m) => m.id && m.network.name));
});
