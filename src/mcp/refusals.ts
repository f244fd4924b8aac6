/**
 * The one place a failed tool call becomes a tool result. A guest's mistake
 * (a DomainError: unknown drink, too many, balance short, tab locked, nothing
 * to pay) is an `isError` result in the words Maya would say, with its code
 * and facts in `_meta` for a program; never a protocol error. Anything else is
 * masked like GraphQL masks it: the agent sees a polite sentence, the log the rest.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { OutageReporter } from "../db/availability.js";
import { DomainError, UNAVAILABLE, unavailableExtensions } from "../errors.js";
import { INTERNAL_MESSAGE } from "../graphql/errors.js";
import { describeError, type Logger } from "../logger.js";
import type { McpCallOutcome } from "../observability/metrics.js";

/** What a call that reached its tool came to (the SDK answers "invalid" ones before). */
export type ToolOutcome = Exclude<McpCallOutcome, "invalid">;

/** Where a refusal's code and facts travel, beside the words. */
export const REFUSAL_META_KEY = "maya/refusal";

/** Facts worth passing on with a refusal; never anything secret (the details are built for guests). */
const PUBLIC_DETAILS = ["reason", "balanceCents", "neededCents", "subtotalCents", "menuItemId", "modifier", "suggestions", "candidates", "paymentId"];

export interface RefusalContext {
  /** The checkout link of the payment that locks the tab, if there is one. */
  pendingCheckoutUrl(): Promise<string | null>;
  /** Tells the database being away (a retryable UNAVAILABLE, logged once as the outage) from a failure. */
  outages?: OutageReporter;
}

export async function refusalOf(
  error: unknown,
  context: RefusalContext,
  log: Logger,
): Promise<{ result: CallToolResult; outcome: Exclude<ToolOutcome, "success"> }> {
  if (!(error instanceof DomainError)) {
    if (context.outages?.report(error)) return { result: errorResult(UNAVAILABLE.message, unavailableExtensions()), outcome: "error" };
    log.error("MCP tool failed", { error: describeError(error) });
    return { result: errorResult(INTERNAL_MESSAGE, { code: "INTERNAL_SERVER_ERROR" }), outcome: "error" };
  }
  // What the guest typed can be quoted back in a refusal; control characters are not worth repeating.
  let words = error.message.replace(/\p{Cc}+/gu, " ");
  if (error.code === "TAB_LOCKED") {
    // What the guest needs to unlock it: the page where the pending payment finishes.
    const url = await context.pendingCheckoutUrl().catch(() => null);
    if (url) words += ` The checkout is at ${url}`;
  }
  const details = Object.fromEntries(PUBLIC_DETAILS.flatMap((key) => (error.details[key] === undefined ? [] : [[key, error.details[key]]])));
  return { result: errorResult(words, { code: error.code, ...details }), outcome: "refused" };
}

function errorResult(text: string, meta: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], isError: true, _meta: { [REFUSAL_META_KEY]: meta } };
}
