/**
 * Starts real Maya instances for tests (the same composition root as
 * `npm start`) and talks to them over HTTP and graphql-ws like any client.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startMaya, type MayaApp, type StartOptions } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

export type TestDatabaseChoice = { kind: "pglite" } | { kind: "postgres"; url: string };

export async function startTestMaya(
  database: TestDatabaseChoice,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<MayaApp> {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    MAYA_LOG: "silent",
    MAYA_DATA_DIR: "memory://",
    // Tests fire bursts on purpose; the rate limiter has tests of its own.
    MAYA_RATE_LIMIT_SESSION_BURST: "100000",
    MAYA_RATE_LIMIT_ADDRESS_BURST: "100000",
    // Listening is auto by default (pocketsphinx when installed): suites that test it ask for it.
    MAYA_STT: "off",
    ...(database.kind === "postgres" ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  return startMaya(config, options);
}

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

export class MayaClient {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** The data, or a thrown error naming the GraphQL errors. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The error code of a request expected to fail. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const result = await this.request(query, variables);
    return result.errors?.[0]?.extensions?.code;
  }

  static async startSession(baseUrl: string, customerName?: string): Promise<MayaClient> {
    const client = new MayaClient(baseUrl);
    const data = await client.data<{ startSession: { token: string } }>(
      `mutation Start($name: String) { startSession(customerName: $name) { token } }`,
      { name: customerName ?? null },
    );
    client.token = data.startSession.token;
    return client;
  }

  /** A graphql-ws client on the same port, authenticated with this session's token. */
  subscriptions(token: string | null = this.token): Client {
    return createClient({
      url: `${this.baseUrl.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
  }
}

export const TAB_FIELDS = `id status subtotalCents tipPercent tipCents totalCents version
  items { id quantity modifiers unitPriceCents lineTotalCents menuItem { id name } }`;

export const ME_QUERY = `{ me { id balanceCents tab { ${TAB_FIELDS} } } }`;
