// Starts the aspgraph playground: GraphiQL (loaded before this script, with React and
// ReactDOM, from /playground/vendor/) with one tab per example of examples.json, talking to
// the endpoint named by the page's aspgraph-endpoint meta tag. Everything comes from this
// origin; the page's Content-Security-Policy allows nothing else, and no inline script.
(function () {
  'use strict';

  var container = document.getElementById('graphiql');
  var endpoint = document.querySelector('meta[name="aspgraph-endpoint"]').content;

  function fail(message) {
    container.textContent = '';
    var p = document.createElement('p');
    p.className = 'loading';
    p.textContent = 'The playground could not start: ' + message;
    container.appendChild(p);
  }

  // tab turns an example into a GraphiQL tab. Queries are kept as arrays of lines, variables
  // and headers as objects, so examples.json stays readable.
  function tab(example) {
    var t = { query: example.query.join('\n') + '\n' };
    if (example.variables) {
      t.variables = JSON.stringify(example.variables, null, 2);
    }
    if (example.headers) {
      t.headers = JSON.stringify(example.headers, null, 2);
    }
    return t;
  }

  // fetcher sends GraphiQL's requests. Right after a switch of tabs GraphiQL 3 can still send
  // the operation name of the tab shown before; a name that the document does not define is
  // dropped, so that the server runs the document's own operation.
  var send = GraphiQL.createFetcher({ url: endpoint, enableIncrementalDelivery: false });
  function fetcher(params, opts) {
    var name = params && params.operationName;
    if (name && typeof params.query === 'string' &&
        !new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(params.query)) {
      params = Object.assign({}, params, { operationName: null });
    }
    return send(params, opts);
  }

  fetch('/playground/examples.json', { headers: { Accept: 'application/json' } })
    .then(function (res) {
      if (!res.ok) {
        throw new Error('/playground/examples.json: HTTP ' + res.status);
      }
      return res.json();
    })
    .then(function (examples) {
      var root = ReactDOM.createRoot(container);
      root.render(
        React.createElement(
          GraphiQL,
          {
            fetcher: fetcher,
            defaultTabs: examples.map(tab),
            defaultEditorToolsVisibility: true,
            isHeadersEditorEnabled: true,
            shouldPersistHeaders: false,
            // Its own namespace, so that another GraphiQL served on the same origin (say
            // localhost:8080) does not share tabs with this one.
            storage: GraphiQL.createLocalStorage({ namespace: 'aspgraph' }),
          },
          React.createElement(
            GraphiQL.Logo,
            null,
            'aspgraph ',
            React.createElement('a', { className: 'aspgraph-explore-link', href: '/explore' }, 'explorer'),
          ),
        ),
      );
    })
    .catch(function (err) {
      fail(err && err.message ? err.message : String(err));
    });
})();
