/** Queries and mutations over plain HTTP POST, as the contract asks; subscriptions live in live.ts. */

export const GRAPHQL_PATH = "/graphql";

/** `code` is the contract's `extensions.code`, or NETWORK when the server could not be reached at all. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface GraphQLErrorLike {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown } | null;
}

export function errorFromGraphQL(errors: readonly GraphQLErrorLike[]): GraphQLRequestError {
  const first = errors[0];
  const message = typeof first?.message === "string" ? first.message : "The server reported an error.";
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : "INTERNAL_SERVER_ERROR";
  return new GraphQLRequestError(message, code);
}

export type TokenSource = () => string | null;

export class GraphQLHttpClient {
  constructor(
    private readonly token: TokenSource,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(GRAPHQL_PATH, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    } catch {
      throw new GraphQLRequestError("The bar's server could not be reached.", "NETWORK");
    }
    let body: { data?: T | null; errors?: readonly GraphQLErrorLike[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // A proxy or a restarting server answers with something that is not GraphQL.
      throw new GraphQLRequestError(`The server answered ${response.status} without GraphQL.`, response.status >= 500 ? "NETWORK" : `HTTP_${response.status}`);
    }
    if (body.errors && body.errors.length > 0) throw errorFromGraphQL(body.errors);
    if (body.data === undefined || body.data === null) throw new GraphQLRequestError("The server sent no data.", "INTERNAL_SERVER_ERROR");
    return body.data;
  }
}
