/** Collects `tabChanged` events from a real graphql-ws client. */
import { expect } from "vitest";
import type { Client } from "graphql-ws";
import type { MayaApp } from "../../src/app.js";

const TAB_EVENT_FIELDS = `reason balanceCents message
    tab { id status version subtotalCents tipPercent tipCents totalCents items { id quantity menuItem { id } } }
    payment { id status amountCents }`;

export const TAB_CHANGED = `subscription {
  tabChanged {
    ${TAB_EVENT_FIELDS}
  }
}`;

/** The overlay's own subscription: the session as it is first (reason SNAPSHOT), then every change. */
export const TAB_CHANGED_WITH_SNAPSHOT = `subscription {
  tabChanged(snapshot: true) {
    ${TAB_EVENT_FIELDS}
  }
}`;

export interface TabEventShape {
  reason: string;
  balanceCents: number;
  message: string | null;
  tab: {
    id: string;
    status: string;
    version: number;
    subtotalCents: number;
    tipPercent: number | null;
    tipCents: number;
    totalCents: number;
    items: { id: string; quantity: number; menuItem: { id: string } }[];
  };
  payment: { id: string; status: string; amountCents: number } | null;
}

export interface Collected {
  readonly events: TabEventShape[];
  /** GraphQL errors delivered on the subscription. */
  readonly errors: unknown[];
  /** What ended the subscription with an error (a CloseEvent when the server closes the socket). */
  readonly failure: unknown;
  readonly completed: boolean;
  stop(): void;
}

export function collectTabEvents(client: Client, query: string = TAB_CHANGED): Collected {
  const events: TabEventShape[] = [];
  const errors: unknown[] = [];
  let failure: unknown;
  let completed = false;
  const stop = client.subscribe<{ tabChanged: TabEventShape }>(
    { query },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data.tabChanged);
      },
      error: (error) => {
        failure = error;
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return {
    events,
    errors,
    get failure() {
      return failure;
    },
    get completed() {
      return completed;
    },
    stop,
  };
}

/**
 * Waits until the app's feed has `count` live subscribers: a change made
 * before the server has subscribed would (rightly) not be delivered.
 */
export async function waitForSubscribers(app: MayaApp, count: number): Promise<void> {
  await expect.poll(() => app.services.feed.activeSubscriptions, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

/** Waits until `count` events have arrived. */
export async function waitForEvents(collected: Collected, count: number): Promise<TabEventShape[]> {
  await expect.poll(() => collected.events.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return collected.events;
}
