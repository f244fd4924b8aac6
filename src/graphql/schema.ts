import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { ConversationResolver } from "./resolvers/conversation.resolver.js";
import { MenuResolver, TabItemResolver } from "./resolvers/menu.resolver.js";
import { PaymentResolver } from "./resolvers/payment.resolver.js";
import { SessionResolver } from "./resolvers/session.resolver.js";
import { SpeechRecognitionResolver } from "./resolvers/speech-recognition.resolver.js";
import { TabEventResolver } from "./resolvers/tab-event.resolver.js";
import { TabResolver } from "./resolvers/tab.resolver.js";
import { DateTimeScalar } from "./types.js";

export const RESOLVERS = [
  MenuResolver,
  TabItemResolver,
  SessionResolver,
  TabResolver,
  PaymentResolver,
  TabEventResolver,
  ConversationResolver,
  SpeechRecognitionResolver,
] as const;

export type ResolverClass = (typeof RESOLVERS)[number];

/** Resolver instances built by the composition root, handed to type-graphql as its container. */
export type ResolverInstances = ReadonlyMap<ResolverClass, object>;

const UNUSED_PUB_SUB = {
  publish: () => {
    throw new Error("Maya publishes tab events through the TabEventFeed, not type-graphql's pub/sub.");
  },
  subscribe: () => {
    throw new Error("Maya subscribes through the TabEventFeed, not type-graphql's pub/sub.");
  },
};

export function buildMayaSchema(instances: ResolverInstances): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get: (someClass) => {
      const instance = instances.get(someClass as ResolverClass);
      // Resolvers without dependencies need no wiring.
      return instance ?? new (someClass as new () => object)();
    },
  };
  return buildSchema({
    resolvers: RESOLVERS,
    container,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Subscriptions come from the tab event feed through their own `subscribe`
    // functions; type-graphql still insists on a pub/sub, which nothing uses.
    pubSub: UNUSED_PUB_SUB,
    validate: false,
  });
}

/** The schema as committed in schema.graphql: sorted, so the file changes only when the API does. */
export function printMayaSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
