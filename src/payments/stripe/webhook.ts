import type { Request, RequestHandler, Response } from "express";
import { describeError, type Logger } from "../../logger.js";
import { ASYNC_PAYMENT_FAILED_REASON, mapCheckoutSessionState } from "./stripe-status.js";
import type { CheckoutSessionState } from "./stripe-status.js";

/** What a webhook says about one of our checkouts. */
export interface MappedStripeEvent {
  /** From the session's metadata; null for a session Maya did not create with an attempt id. */
  attemptId: string | null;
  /** The Checkout Session id (cs_...). */
  providerRef: string;
  outcome: "SUCCEEDED" | "FAILED" | "EXPIRED" | "PENDING";
  failureReason?: string;
}

/** The fields of a Stripe event we read; a verified Stripe.Event fits it. */
export interface StripeEventLike {
  id: string;
  type: string;
  data: { object: unknown };
}

export type StripeEventVerifier = (rawBody: Buffer | string, signatureHeader: string) => StripeEventLike;

/**
 * Verifies with Stripe's own code and its default tolerance (5 minutes) against replays. The SDK
 * is loaded here, only when webhooks are configured.
 */
export async function createStripeWebhookVerifier(webhookSecret: string): Promise<StripeEventVerifier> {
  if (webhookSecret === "") throw new Error("STRIPE_WEBHOOK_SECRET is empty.");
  const { default: Stripe } = await import("stripe");
  return (rawBody, signatureHeader) => Stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
}

interface SessionObject extends CheckoutSessionState {
  object: "checkout.session";
  id: string;
  metadata?: Record<string, string> | null;
}

function asCheckoutSession(value: unknown): SessionObject | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Partial<SessionObject>;
  if (v.object !== "checkout.session" || typeof v.id !== "string") return null;
  return v as SessionObject;
}

/**
 * Turns a Checkout Session event into an outcome for one attempt; null for
 * events we do not act on. Pure: no I/O, no clock.
 */
export function mapStripeEvent(event: StripeEventLike): MappedStripeEvent | null {
  const session = asCheckoutSession(event.data.object);
  if (session === null) return null;
  const attemptId = typeof session.metadata?.attempt_id === "string" ? session.metadata.attempt_id : null;
  const base = { attemptId, providerRef: session.id };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.expired": {
      // The session's own state decides: a completed session may still be unpaid (delayed methods).
      const { status, failureReason } = mapCheckoutSessionState(session);
      return failureReason === undefined ? { ...base, outcome: status } : { ...base, outcome: status, failureReason };
    }
    case "checkout.session.async_payment_succeeded":
      return { ...base, outcome: "SUCCEEDED" };
    case "checkout.session.async_payment_failed":
      return { ...base, outcome: "FAILED", failureReason: ASYNC_PAYMENT_FAILED_REASON };
    default:
      return null;
  }
}

export interface StripeWebhookHandlerDeps {
  verify: StripeEventVerifier;
  /**
   * Applies the outcome; deduplicates by event id ("duplicate" when the id
   * was seen before). Called only for events mapStripeEvent maps.
   */
  onEvent: (eventId: string, eventType: string, mapped: MappedStripeEvent) => Promise<"processed" | "duplicate">;
  /** Where a verified but malformed body is reported (one line, no payload). */
  log?: Pick<Logger, "warn">;
}

/** A verified body is still only JSON: an event needs a string id and type and a `data` object. */
function isStripeEvent(value: unknown): value is StripeEventLike {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { id, type, data } = value as Record<string, unknown>;
  return typeof id === "string" && typeof type === "string" && typeof data === "object" && data !== null && !Array.isArray(data);
}

/**
 * POST /webhooks/stripe. Mount behind a raw body parser, e.g.
 * `app.post("/webhooks/stripe", express.raw({ type: "application/json" }), handler)`:
 * the signature covers the exact bytes, so a parsed-and-reserialised JSON
 * body never verifies.
 *
 * 400 for a missing or bad signature, or a signed body that is not an event
 * (nothing is changed: Stripe would only retry it for days), 200 for a
 * verified event, 500 if applying it failed, so that Stripe sends it again.
 */
export function createStripeWebhookHandler(deps: StripeWebhookHandlerDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const signature = req.get("stripe-signature");
    if (signature === undefined || signature === "") {
      res.status(400).json({ error: "Missing Stripe-Signature header." });
      return;
    }
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) && typeof body !== "string") {
      res.status(400).json({ error: "Webhook body must be the raw request bytes." });
      return;
    }
    let event: unknown;
    try {
      event = deps.verify(body, signature);
    } catch {
      // Stripe's error text quotes the header and payload; say nothing more than this.
      res.status(400).json({ error: "Invalid Stripe signature." });
      return;
    }
    if (!isStripeEvent(event)) {
      deps.log?.warn("stripe webhook: malformed event body (correctly signed); refused with 400", {
        shape: Array.isArray(event) ? "array" : event === null ? "null" : typeof event,
      });
      res.status(400).json({ error: "The body is not a Stripe event (an object with id, type and data)." });
      return;
    }
    const mapped = mapStripeEvent(event);
    if (mapped === null) {
      res.status(200).json({ received: true, ignored: true });
      return;
    }
    try {
      const result = await deps.onEvent(event.id, event.type, mapped);
      res.status(200).json({ received: true, result });
    } catch (error) {
      deps.log?.warn("stripe webhook: applying the event failed; Stripe will retry it", { eventType: event.type, error: describeError(error) });
      res.status(500).json({ error: "Could not process the event; Stripe will retry it." });
    }
  };
}
