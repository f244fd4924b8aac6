import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import { INTERNAL_MESSAGE, formatGraphQLError } from "../../src/graphql/errors.js";

const resolverError = (original: Error) =>
  new GraphQLError(original.message, { path: ["addToTab"], originalError: original });

describe("formatGraphQLError", () => {
  it("maps a domain error to its code and keeps the facts a client can act on", () => {
    const error = resolverError(
      new DomainError("INSUFFICIENT_FUNDS", "That comes to $13.00, but the balance is $5.00.", {
        balanceCents: 500,
        neededCents: 1300,
        secretInternal: "x",
      }),
    );
    const formatted = formatGraphQLError(error.toJSON(), error);
    expect(formatted.message).toBe("That comes to $13.00, but the balance is $5.00.");
    expect(formatted.extensions).toEqual({ code: "INSUFFICIENT_FUNDS", balanceCents: 500, neededCents: 1300 });
  });

  it("masks anything unexpected and logs it", () => {
    const logged: unknown[] = [];
    const error = resolverError(new Error("connection to 10.0.0.5 refused, password=hunter2"));
    const formatted = formatGraphQLError(error.toJSON(), error, { internal: (internal) => logged.push(internal) });
    expect(formatted.message).toBe(INTERNAL_MESSAGE);
    expect(formatted.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(JSON.stringify(formatted)).not.toContain("hunter2");
    expect(logged).toHaveLength(1);
  });

  it("turns the server's own request errors into BAD_USER_INPUT", () => {
    const error = new GraphQLError('Cannot query field "tabb" on type "Session".', {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    expect(formatGraphQLError(error.toJSON(), error).extensions).toEqual({
      code: "BAD_USER_INPUT",
      reason: "GRAPHQL_VALIDATION_FAILED",
    });
  });
});
