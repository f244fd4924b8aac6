/**
 * The mock provider's hosted checkout page: what Stripe Checkout is to the
 * Stripe provider. It shows the amount and lines, takes a test card, asks for
 * the extra confirmation some cards need, and settles the attempt through the
 * payment service, so the tab and its events change exactly as through the API.
 */
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { OutageReporter } from "../db/availability.js";
import { DomainError, UNAVAILABLE } from "../errors.js";
import { formatCents } from "../bar/money.js";
import type { PaymentAttemptRecord } from "../bar/bar.repository.js";
import type { PaymentService } from "../payments/payment.service.js";
import { TEST_CARD_HINT } from "../payments/mock-cards.js";
import { refusalMessage } from "../limits/refusals.js";
import type { RequestLimits } from "../limits/request-limits.js";
import { rateLimitGuard, refusalStatus } from "./graphql-guards.js";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function checkoutRouter(payments: PaymentService, limits: RequestLimits, outages: OutageReporter): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "4kb" });
  // Anyone may ask for any attempt id, and each ask reads the database: the address's bucket, as on /graphql.
  router.use(
    "/checkout",
    rateLimitGuard(limits, (res, refusal) => {
      refusalStatus(res, refusal).type("html").send(page("Slow down", `<p>${escapeHtml(refusalMessage(refusal))}</p>`));
    }),
  );

  // Where Stripe sends the guest back (success_url / cancel_url); the app shows the outcome.
  router.get("/checkout/return", (req, res) => {
    const attempt = typeof req.query.attempt === "string" ? req.query.attempt : "";
    res.redirect(303, `/?payment=${encodeURIComponent(attempt)}`);
  });

  router.get("/checkout/:attemptId", async (req, res) => {
    const attempt = await payments.findAttempt(req.params.attemptId);
    if (!attempt || attempt.provider !== "mock") return notFoundPage(res);
    await renderPage(res, payments, attempt, {});
  });

  router.post("/checkout/:attemptId", form, async (req: Request, res: Response) => {
    const attempt = await payments.findAttempt(String(req.params.attemptId));
    if (!attempt || attempt.provider !== "mock") return notFoundPage(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const card = typeof body.card === "string" ? body.card : "";
    if (body.action === "cancel") {
      await payments.cancel(attempt.id);
      return res.redirect(303, returnUrl(attempt));
    }
    try {
      await payments.payWithTestCard(attempt, card, body.confirm === "yes");
      return res.redirect(303, returnUrl(attempt));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "BAD_USER_INPUT") throw error;
      if (error.details.reason === "CONFIRMATION_REQUIRED") {
        return renderPage(res, payments, attempt, { confirmCard: card });
      }
      return renderPage(res, payments, attempt, { error: error.message, status: 400 });
    }
  });
  // The database away: a page saying so, that the guest (or the browser) may retry.
  router.use("/checkout", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !outages.report(error)) return next(error);
    res.setHeader("Retry-After", String(UNAVAILABLE.retryAfterSeconds));
    res.status(503).type("html").send(page("Try again in a moment", `<p role="alert">${escapeHtml(UNAVAILABLE.message)} Nothing was charged.</p>`));
  });
  return router;
}

function returnUrl(attempt: PaymentAttemptRecord): string {
  return `/?payment=${encodeURIComponent(attempt.id)}`;
}

function notFoundPage(res: Response): void {
  res.status(404).type("html").send(page("Checkout not found", "<p>This checkout link is not valid.</p>"));
}

async function renderPage(
  res: Response,
  payments: PaymentService,
  attempt: PaymentAttemptRecord,
  state: { error?: string; confirmCard?: string; status?: number },
): Promise<void> {
  const details = await payments.checkoutDetails(attempt);
  const lines = details.lines
    .map(
      (line) =>
        `<tr><td>${line.quantity} × ${escapeHtml(line.name)}</td><td class="amount">${formatCents(line.quantity * line.unitAmountCents)}</td></tr>`,
    )
    .join("");
  const tip = details.tipCents > 0 ? `<tr><td>Tip</td><td class="amount">${formatCents(details.tipCents)}</td></tr>` : "";
  const summary = `
    <table aria-label="What you are paying for">
      <tbody>${lines}${tip}</tbody>
      <tfoot><tr><th scope="row">Total</th><td class="amount" id="total">${formatCents(attempt.amountCents)}</td></tr></tfoot>
    </table>`;
  let action: string;
  if (attempt.status !== "PENDING") {
    action = `<p role="status" id="status">This payment is ${attempt.status.toLowerCase()}.</p><p><a href="${returnUrl(attempt)}">Back to Maya</a></p>`;
  } else if (state.confirmCard) {
    action = `
      <form method="post" aria-label="Confirm the payment">
        <p role="status" id="confirm-step">Your bank asks you to confirm this payment of ${formatCents(attempt.amountCents)}.</p>
        <input type="hidden" name="card" value="${escapeHtml(state.confirmCard)}">
        <input type="hidden" name="confirm" value="yes">
        <button type="submit" id="confirm">Confirm payment</button>
        <button type="submit" name="action" value="cancel" id="cancel">Cancel</button>
      </form>`;
  } else {
    action = `
      <form method="post" aria-label="Pay with a test card">
        <label for="card">Card number</label>
        <input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required
          ${state.error ? 'aria-invalid="true" aria-describedby="error"' : ""}>
        ${state.error ? `<p id="error" role="alert">${escapeHtml(state.error)}</p>` : ""}
        ${state.error?.includes(TEST_CARD_HINT) ? "" : `<p class="hint">${escapeHtml(TEST_CARD_HINT)}</p>`}
        <button type="submit" id="pay">Pay ${formatCents(attempt.amountCents)}</button>
        <button type="submit" name="action" value="cancel" id="cancel" formnovalidate>Cancel</button>
      </form>`;
  }
  res
    .status(state.status ?? 200)
    .type("html")
    .send(page(`Pay ${formatCents(attempt.amountCents)} · Maya's bar`, `${summary}${action}`));
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body{font-family:system-ui,sans-serif;background:#1b1420;color:#f6efe6;display:grid;place-items:center;min-height:100vh;margin:0}
  main{background:#2a2030;padding:2rem;border-radius:16px;max-width:26rem;width:100%;box-shadow:0 10px 40px #0008}
  h1{font-size:1.3rem;margin-top:0} .badge{font-size:.75rem;background:#f0a500;color:#1b1420;border-radius:4px;padding:2px 6px}
  table{width:100%;border-collapse:collapse;margin:1rem 0} td,th{padding:.3rem 0;text-align:left} .amount{text-align:right}
  tfoot th,tfoot td{border-top:1px solid #fff3;font-weight:700}
  label{display:block;margin:.5rem 0 .25rem} input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1.1rem;border-radius:8px;border:1px solid #fff5;background:#1b1420;color:inherit}
  button{margin-top:1rem;padding:.7rem 1.2rem;font-size:1rem;border-radius:8px;border:0;background:#f0a500;color:#1b1420;font-weight:700;cursor:pointer}
  button[value=cancel]{background:transparent;color:#f6efe6;border:1px solid #fff5;margin-left:.5rem}
  button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #7dd3fc;outline-offset:2px}
  .hint{font-size:.8rem;opacity:.8} [role=alert]{color:#ff8a80} a{color:#7dd3fc}
</style></head>
<body><main><h1>${escapeHtml(title)} <span class="badge">TEST MODE</span></h1>${body}</main></body></html>`;
}
