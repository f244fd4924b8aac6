/**
 * The menu changes only with a deploy, and it is what every page asks first:
 * a query that reads nothing but `menu` (any fields of it, no directives, no
 * variables that could change the answer) is answered from the result its
 * document produced the first time, without executing it again.
 */
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { Kind, visit, type DocumentNode, type FormattedExecutionResult, type OperationDefinitionNode } from "graphql";

/** Distinct menu documents remembered (clients send one or two). */
const MAX_DOCUMENTS = 64;

function readsOnlyTheMenu(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  if (operation.operation !== "query" || document.definitions.length !== 1 || (operation.variableDefinitions?.length ?? 0) > 0) return false;
  const topLevel = operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value === "menu" || selection.name.value === "__typename"),
  );
  if (!topLevel) return false;
  let plain = true;
  visit(document, {
    Directive() {
      plain = false;
    },
    FragmentSpread() {
      plain = false;
    },
  });
  return plain;
}

export function menuResponseCache<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const results = new Map<string, FormattedExecutionResult>();
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(context) {
          const { operation, document, queryHash } = context;
          // Typed as always there, but Apollo calls this for a document whose operation did not resolve too.
          if (queryHash === undefined || !operation || !readsOnlyTheMenu(operation, document)) return null;
          key = queryHash;
          const result = results.get(queryHash);
          return result ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: result } } : null;
        },
        async willSendResponse(context) {
          const { body } = context.response;
          if (key === null || results.has(key) || body.kind !== "single" || body.singleResult.errors) return;
          if (results.size >= MAX_DOCUMENTS) results.delete(results.keys().next().value as string);
          results.set(key, body.singleResult);
        },
      };
    },
  };
}
