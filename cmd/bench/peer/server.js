// The peer of aspgraph's benchmark: @neo4j/graphql 7 on Apollo Server 4, over the same Neo4j
// graph, with type definitions in schema.graphql. Configuration from the environment: PORT
// (default 4000), NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, TX_TIMEOUT_MS (the
// transaction timeout Neo4j enforces, as aspgraph's REQUEST_TIMEOUT does; unset: the server's
// default). Serves POST /.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = (name, def) => process.env[name] || def;
const uri = env("NEO4J_URI", "");
if (!uri) {
  console.error("NEO4J_URI is not set");
  process.exit(2);
}
const port = Number(env("PORT", "4000"));
const txTimeout = process.env.TX_TIMEOUT_MS ? Number(process.env.TX_TIMEOUT_MS) : undefined;
const database = env("NEO4J_DATABASE", "neo4j");
const driver = neo4j.driver(uri, neo4j.auth.basic(env("NEO4J_USERNAME", "neo4j"), env("NEO4J_PASSWORD", "")));
const typeDefs = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port, host: "127.0.0.1" },
  context: async () => ({ sessionConfig: { database }, transaction: { timeout: txTimeout } }),
});
console.error(`peer serving GraphQL at ${url}`);

const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
