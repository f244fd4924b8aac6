/**
 * An overlay token reads; it never changes anything. Every mutation sent with
 * one is refused FORBIDDEN before anything runs, on HTTP (the Apollo plugin
 * below) and on the socket (subscription-server.ts), whichever mutation it is
 * (startSession too, which needs no token at all). Resolvers hold the same
 * line on their own: `ctx.session()` refuses an overlay token, and only `me`
 * and `tabChanged` read through `ctx.viewer()`.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type OperationDefinitionNode } from "graphql";
import { OVERLAY_READS_ONLY } from "../sessions/session.service.js";

/** FORBIDDEN when an overlay token sends a mutation; null when the operation may run. */
export function overlayRefusal(overlay: boolean, operation: Pick<OperationDefinitionNode, "operation"> | null | undefined): GraphQLError | null {
  if (!overlay || operation?.operation !== "mutation") return null;
  return new GraphQLError(OVERLAY_READS_ONLY, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
}

export function overlaysReadOnly<TContext extends { overlay: boolean }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.overlay) return;
      return {
        async didResolveOperation({ operation }) {
          const refusal = overlayRefusal(true, operation);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
