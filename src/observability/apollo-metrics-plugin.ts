/**
 * Records every GraphQL operation Apollo Server handles: which root field it
 * asked for, its type, its outcome and its latency.
 *
 * The label is the root field, never the client's operationName: clients
 * choose operation names freely, so they would make unbounded series. A field
 * not in the schema's root types becomes "other", several root fields in one
 * operation "multiple", and introspection "introspection".
 *
 * Operations over graphql-ws do not pass through Apollo's request pipeline:
 * the socket server records them with the same recorder (createOperationRecorder).
 */
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { ERROR_CODES } from "../errors.js";
import { REQUEST_ERROR_CODES } from "../graphql/errors.js";
import { OTHER_LABEL } from "./bounded-label.js";
import type { GraphqlOperationType, GraphqlOutcome, MayaMetrics } from "./metrics.js";

export const MULTIPLE_FIELDS_LABEL = "multiple";
export const INTROSPECTION_LABEL = "introspection";

/**
 * Error codes that mean "the request was refused", not "the server failed":
 * the contract's domain codes and Apollo's request-shape codes.
 */
const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([...ERROR_CODES, ...REQUEST_ERROR_CODES, "FORBIDDEN"]);

export interface MetricsPluginOptions {
  /** Milliseconds, sub-millisecond precision; performance.now by default. */
  nowMs?: () => number;
}

/**
 * Records one finished operation: labelled by its root field and type when it resolved to an
 * operation ("other"/"unknown" when it did not parse or validate), its outcome read from its errors.
 */
export type OperationRecorder = (
  schema: GraphQLSchema,
  resolved: { operation: OperationDefinitionNode; document: DocumentNode } | null,
  errors: ReadonlyArray<GraphQLError> | undefined,
  startedMs: number,
) => void;

export function createOperationRecorder(
  metrics: Pick<MayaMetrics, "graphqlOperation">,
  options: MetricsPluginOptions = {},
): OperationRecorder {
  const nowMs = options.nowMs ?? (() => performance.now());
  const rootFieldsBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();
  const rootFieldsOf = (schema: GraphQLSchema) => {
    let fields = rootFieldsBySchema.get(schema);
    if (fields === undefined) {
      fields = new Set(
        [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
          type ? Object.keys(type.getFields()) : [],
        ),
      );
      rootFieldsBySchema.set(schema, fields);
    }
    return fields;
  };
  return (schema, resolved, errors, startedMs) => {
    const field = resolved ? rootFieldLabel(resolved.operation, resolved.document, rootFieldsOf(schema)) : OTHER_LABEL;
    const type: GraphqlOperationType = resolved ? resolved.operation.operation : "unknown";
    metrics.graphqlOperation(field, type, outcomeOf(resolved !== null, errors), (nowMs() - startedMs) / 1000);
  };
}

export function createApolloMetricsPlugin<TContext extends BaseContext>(
  metrics: Pick<MayaMetrics, "graphqlOperation">,
  options: MetricsPluginOptions = {},
): ApolloServerPlugin<TContext> {
  const nowMs = options.nowMs ?? (() => performance.now());
  const record = createOperationRecorder(metrics, { nowMs });
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<TContext>> {
      const startedMs = nowMs();
      return {
        async willSendResponse(ctx) {
          const { operation, document } = ctx;
          record(ctx.schema, operation && document ? { operation, document } : null, ctx.errors, startedMs);
        },
      };
    },
  };
}

function outcomeOf(resolved: boolean, errors: ReadonlyArray<GraphQLError> | undefined): GraphqlOutcome {
  if (!errors || errors.length === 0) return "success";
  if (!resolved) return "invalid";
  return errors.every((error) => CLIENT_ERROR_CODES.has(errorCode(error) ?? "")) ? "client_error" : "server_error";
}

function errorCode(error: GraphQLError): string | undefined {
  const fromExtensions = error.extensions?.code;
  if (typeof fromExtensions === "string") return fromExtensions;
  // A domain error thrown by a resolver is mapped to extensions.code only when
  // the response is formatted, after this plugin has seen it.
  const original: unknown = error.originalError;
  const fromOriginal = original && typeof original === "object" ? (original as { code?: unknown }).code : undefined;
  return typeof fromOriginal === "string" ? fromOriginal : undefined;
}

/** The single root field an operation selects, or a fixed stand-in. */
export function rootFieldLabel(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  rootFields: ReadonlySet<string>,
): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);

  const fields = [...names].filter((name) => !name.startsWith("__"));
  if (fields.length === 0) return names.size > 0 ? INTROSPECTION_LABEL : OTHER_LABEL;
  if (fields.length > 1) return MULTIPLE_FIELDS_LABEL;
  const [only] = fields;
  return only !== undefined && rootFields.has(only) ? only : OTHER_LABEL;
}
