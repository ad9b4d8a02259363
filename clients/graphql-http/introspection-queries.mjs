// Writes the introspection queries real clients send to graph/testdata/introspection/, one
// file per client and setting, from the client libraries themselves at the versions
// package-lock.json pins: graphql-js's getIntrospectionQuery (which GraphiQL, Altair, Insomnia,
// graphql-inspector and Apollo's tools call), and the query @graphql-tools/url-loader sends (the
// loader graphql-codegen and graphql-inspector use for a URL), recorded from the wire. Python
// gql's queries come from introspection-queries.py. `make introspection-queries` runs both;
// graph/introspection_test.go sends every file to the service.
import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as graphql16 from 'graphql';
import * as graphql17 from 'graphql17';
import { UrlLoader } from '@graphql-tools/url-loader';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'graph', 'testdata', 'introspection');
const every = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

async function write(name, query) {
  await writeFile(path.join(out, `${name}.graphql`), query.trim() + '\n');
  console.log(name);
}

for (const [lib, mod] of [['graphql-js-16', graphql16], ['graphql-js-17', graphql17]]) {
  await write(`${lib}-default`, mod.getIntrospectionQuery());
  await write(`${lib}-all-options`, mod.getIntrospectionQuery(every));
}
// graphql-js accepts typeDepth up to 100: the deepest introspection query it can write.
await write('graphql-js-17-type-depth-100', graphql17.getIntrospectionQuery({ ...every, typeDepth: 100 }));

// The query the URL loader sends, taken from the request it makes to a recording server.
const bodies = [];
const recorder = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    bodies.push(body);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"errors":[{"message":"recorded"}]}');
  });
});
await new Promise((resolve) => recorder.listen(0, '127.0.0.1', resolve));
try {
  await new UrlLoader().load(`http://127.0.0.1:${recorder.address().port}/query`, {});
} catch {
  // The recorder answers with an error; only the request matters.
}
recorder.close();
if (bodies.length !== 1) throw new Error(`the URL loader sent ${bodies.length} requests`);
await write('graphql-tools-url-loader', JSON.parse(bodies[0]).query);
