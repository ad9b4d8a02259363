// The documents of the Relay test (clients/test/relay.test.js): a paginated, refetchable
// fragment on the schools, read both ways, and a query of a node by ID. relay-compiler compiles
// them against graph/*.graphqls into __generated__/ when the test runs.
import { graphql } from 'relay-runtime';

export const schoolList = graphql`
  fragment schoolsList_query on Query
  @refetchable(queryName: "schoolsListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    schools(first: $first, after: $after, last: $last, before: $before) @connection(key: "schoolsList_schools") {
      totalCount
      edges { node { id name city { id name } } }
    }
  }
`;

export const schoolNode = graphql`
  query schoolsNodeQuery($id: ID!) {
    node(id: $id) {
      id
      ... on School { name memberships { id since status network { id name } } }
    }
  }
`;
