// What every client test shares: the endpoint of the service under test and the explorer's
// operations. run.sh starts `bin/aspgraph serve` over a throw-away Neo4j and sets ASPGRAPH_URL.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, visit } from 'graphql';

if (!process.env.ASPGRAPH_URL) {
  throw new Error('ASPGRAPH_URL is unset: run the client tests with `make client-test` (clients/run.sh)');
}

// endpoint is the GraphQL endpoint, as a user would point a client at it.
export const endpoint = new URL('/query', process.env.ASPGRAPH_URL).href;

// explorerDocument is web/explore-src/src/queries.graphql: the explorer's operations, which it
// sends by name with the whole document.
export const explorerDocument = readFileSync(
  fileURLToPath(new URL('../../web/explore-src/src/queries.graphql', import.meta.url)), 'utf8');

// schemaFile is the schema as the repository declares it, graph/*.graphqls in one document,
// to compare introspection against.
const schemaDir = fileURLToPath(new URL('../../graph/', import.meta.url));
export const schemaFile = readdirSync(schemaDir).filter((f) => f.endsWith('.graphqls')).sort()
  .map((f) => readFileSync(schemaDir + f, 'utf8')).join('\n');

// post sends one GraphQL request with fetch and returns the parsed body: the tests use it to
// find the IDs they then give the clients.
export async function post(query, variables = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

// ids looks up the IDs the tests start from: the global network, a school, and the key area
// "Human Rights and Democracy" (several schools work in it).
export async function ids() {
  const { data, errors } = await post(`{
    networks { id name scope }
    schools(first: 100) { edges { node { id name } } }
    keyAreas { id name }
  }`);
  if (errors) throw new Error(JSON.stringify(errors));
  return {
    global: data.networks.find((n) => n.scope === 'GLOBAL').id,
    national: data.networks.find((n) => n.scope === 'NATIONAL').id,
    school: data.schools.edges[0].node.id,
    schools: data.schools.edges.map((e) => e.node),
    keyArea: data.keyAreas.find((k) => /human rights/i.test(k.name)).id,
  };
}

// explorerOperation is the explorer's operation of that name with the fragments it uses, as a
// document of its own: clients such as urql and graphql-request send one operation per
// document (the explorer sends the whole document with operationName), and a document must
// use every fragment it defines.
export function explorerOperation(name) {
  const doc = parse(explorerDocument);
  const fragments = new Map(doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name.value === name);
  const used = new Map();
  const walk = (node) => visit(node, {
    FragmentSpread(s) {
      if (!used.has(s.name.value)) {
        used.set(s.name.value, fragments.get(s.name.value));
        walk(fragments.get(s.name.value));
      }
    },
  });
  walk(op);
  return { kind: Kind.DOCUMENT, definitions: [op, ...used.values()] };
}
