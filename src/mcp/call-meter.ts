/**
 * Counts MCP tool calls by tool and outcome. A call that reaches its handler
 * reports itself (success, refused, error); one the SDK answers before that
 * (arguments that fail the input schema, a tool that does not exist) is seen
 * here on the transport, as a `tools/call` request whose answer no handler
 * reported: outcome "invalid".
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { McpCallOutcome } from "../observability/metrics.js";
import type { ToolOutcome } from "./refusals.js";
import { TOOL_NAMES, type ToolMeter, type ToolName } from "./tools.js";

export type RecordCall = (tool: string, outcome: McpCallOutcome) => void;

/** A name a client sent, safe as a metric label: one of ours, or "unknown". */
export function toolLabel(name: unknown): string {
  return typeof name === "string" && (TOOL_NAMES as readonly string[]).includes(name) ? name : "unknown";
}

/** Wraps `transport` (before the server connects to it) and returns the meter its tool handlers report to. */
export function meterToolCalls(transport: Transport, record: RecordCall): ToolMeter {
  /** tools/call requests in flight: id -> tool label, and whether a handler reported it. */
  const inFlight = new Map<string | number, { tool: string; reported: boolean }>();
  const received = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ("method" in message && message.method === "tools/call" && "id" in message) {
      inFlight.set(message.id, { tool: toolLabel((message.params as { name?: unknown } | undefined)?.name), reported: false });
    }
    received?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message: JSONRPCMessage, options) => {
    if (("result" in message || "error" in message) && message.id !== undefined) {
      const call = inFlight.get(message.id);
      if (call) {
        inFlight.delete(message.id);
        if (!call.reported) record(call.tool, "invalid");
      }
    }
    return send(message, options);
  };
  return {
    called(tool: ToolName, outcome: ToolOutcome, requestId: string | number) {
      const call = inFlight.get(requestId);
      if (call) call.reported = true;
      record(tool, outcome);
    },
  };
}
