"""Python's gql against the real service, with default settings: the requests transport and
fetch_schema_from_transport=True, so gql introspects the schema from the URL and validates
every query against it before sending it. clients/run.sh sets ASPGRAPH_URL."""

import os
import unittest

from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.requests import RequestsHTTPTransport
from graphql import GraphQLError

ENDPOINT = os.environ["ASPGRAPH_URL"].rstrip("/") + "/query"


def client():
    return Client(transport=RequestsHTTPTransport(url=ENDPOINT), fetch_schema_from_transport=True)


class GqlTest(unittest.TestCase):
    def test_schema_from_the_url(self):
        with client() as session:
            schema = session.client.schema
            school = schema.get_type("School")
            self.assertIsNotNone(school)
            self.assertIn("memberships", school.fields)
            self.assertIn(school, schema.get_possible_types(schema.get_type("Node")))

    def test_schools_and_their_memberships(self):
        with client() as session:
            data = session.execute(gql("""
                query { schools(first: 100) { totalCount edges { node { id name
                  memberships { id since status network { id name } } } } } }
            """))
        edges = data["schools"]["edges"]
        self.assertEqual(len(edges), data["schools"]["totalCount"])
        self.assertGreater(len(edges), 0)
        ids = [m["id"] for e in edges for m in e["node"]["memberships"]]
        self.assertEqual(len(ids), len(set(ids)), "two memberships share an id")

    def test_nodes_by_id(self):
        with client() as session:
            schools = session.execute(gql("{ schools(first: 3) { edges { node { id name } } } }"))
            want = [e["node"] for e in schools["schools"]["edges"]]
            query = gql("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on School { name } } }")
            query.variable_values = {"ids": [s["id"] for s in want] + ["no-such-id"]}
            got = session.execute(query)
        self.assertEqual(got["nodes"], want + [None])

    def test_a_query_the_schema_refuses_never_leaves(self):
        with client() as session:
            with self.assertRaises(GraphQLError):
                session.execute(gql("{ schools { edges { node { nosuchfield } } } }"))

    def test_a_bad_argument_is_a_graphql_error_with_its_code(self):
        with client() as session:
            with self.assertRaises(TransportQueryError) as caught:
                session.execute(gql("{ schools(first: 1000) { totalCount } }"))
        errors = caught.exception.errors
        self.assertEqual(errors[0]["extensions"]["code"], "BAD_USER_INPUT")
        self.assertIn("first", errors[0]["message"])


if __name__ == "__main__":
    unittest.main()
