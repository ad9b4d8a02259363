"""Writes the introspection queries Python gql sends (fetch_schema_from_transport=True) to
graph/testdata/introspection/: with gql's default introspection_args, and with every option
on. The versions are pinned in requirements.txt; `make introspection-queries` runs this."""

import pathlib

from gql.utilities import get_introspection_query_ast
from graphql import print_ast

out = pathlib.Path(__file__).resolve().parent.parent.parent / "graph" / "testdata" / "introspection"
queries = {
    "python-gql-default": get_introspection_query_ast(),
    "python-gql-all-options": get_introspection_query_ast(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
        input_object_one_of=True,
    ),
}
for name, doc in queries.items():
    (out / f"{name}.graphql").write_text(print_ast(doc).strip() + "\n")
    print(name)
