// The explorer's only way to the data: the public GraphQL endpoint named by the page's
// aspgraph-endpoint meta tag, with the operations of queries.graphql.
import document from './queries.graphql';

const endpoint = window.document.querySelector('meta[name="aspgraph-endpoint"]')?.content || '/query';

// APIError is an error the API answered with, carrying its extensions.code.
export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'APIError';
    this.code = code;
  }
}

// gql runs the named operation and returns its data; it throws an APIError when the answer
// holds errors, and an Error when the service cannot be reached.
export async function gql(operationName, variables = {}, signal) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: document, operationName, variables }),
    signal,
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`the service answered HTTP ${res.status}`);
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0];
    throw new APIError(body.errors.map((e) => e.message).join('; '), first.extensions?.code);
  }
  if (!res.ok || !body.data) {
    throw new Error(`the service answered HTTP ${res.status}`);
  }
  return body.data;
}
