/**
 * The baseline for `menu`: Apollo Server 5 on express 5, from the project's
 * own packages, answering a constant 20-item menu with no database, no
 * limits, no plugins. What GraphQL over HTTP costs on this machine, before
 * anything Maya does.
 */
import { createServer } from "node:http";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";

const typeDefs = `#graphql
  enum MenuCategory { COCKTAIL BEER SPIRIT NON_ALCOHOLIC }
  type MenuItem { id: ID! name: String! category: MenuCategory! priceCents: Int! description: String! modifiers: [String!]! }
  type Query { menu: [MenuItem!]! }
`;
const menu = MENU_CATALOG.map(({ id, name, category, priceCents, description, modifiers }) => ({
  id,
  name,
  category,
  priceCents,
  description,
  modifiers,
}));

const apollo = new ApolloServer({ typeDefs, resolvers: { Query: { menu: () => menu } } });
await apollo.start();
const app = express();
app.get("/healthz", (_req, res) => {
  res.json({ status: "ok" });
});
app.use("/graphql", express.json(), expressMiddleware(apollo));
const server = createServer(app);
server.listen(Number(process.env.PORT ?? 4100), process.env.HOST ?? "127.0.0.1");
process.once("SIGTERM", () => {
  server.closeAllConnections();
  void apollo.stop().then(() => process.exit(0));
});
