/** Every GraphQL document the client sends, with the result shapes it relies on (see shared/api/contract.graphql). */
import type { TabLike } from "./overlay-model.js";
import type { PaymentStatus } from "./messages.js";

const TAB_FIELDS = /* GraphQL */ `
fragment TabFields on Tab {
  id
  status
  items { id }
  subtotalCents
  tipPercent
  tipCents
  totalCents
  version
}`;

const PAYMENT_FIELDS = /* GraphQL */ `
fragment PaymentFields on PaymentAttempt {
  id
  status
  amountCents
  tipCents
  checkoutUrl
  failureReason
}`;

export const START_SESSION = /* GraphQL */ `
mutation StartSession {
  startSession {
    token
    session { id balanceCents tab { ...TabFields } }
  }
}
${TAB_FIELDS}`;

export const ME = /* GraphQL */ `
query Me {
  me {
    id
    balanceCents
    tab { ...TabFields }
    transcript(last: 50) { id speaker text }
  }
}
${TAB_FIELDS}`;

export const SAY = /* GraphQL */ `
mutation Say($text: String!, $heard: HeardSpeech) {
  say(text: $text, heard: $heard) {
    text
    speech
    intent
    audioUrl
    session { balanceCents tab { ...TabFields } }
    payment { ...PaymentFields }
  }
}
${TAB_FIELDS}
${PAYMENT_FIELDS}`;

/** `$percent` left out of the variables means "no tip": the contract's way to remove it. */
export const SET_TIP = /* GraphQL */ `
mutation SetTip($percent: Int) {
  setTip(percent: $percent) { ...TabFields }
}
${TAB_FIELDS}`;

export const PAYMENT = /* GraphQL */ `
query Payment($id: ID!) {
  payment(id: $id) { ...PaymentFields }
}
${PAYMENT_FIELDS}`;

export const TAB_CHANGED = /* GraphQL */ `
subscription TabChanged {
  tabChanged(snapshot: true) {
    reason
    balanceCents
    message
    tab { ...TabFields }
    payment { ...PaymentFields }
  }
}
${TAB_FIELDS}
${PAYMENT_FIELDS}`;

export interface Tab extends TabLike {
  readonly items: readonly { readonly id: string }[];
}

export interface Payment {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly amountCents: number;
  readonly tipCents: number;
  readonly checkoutUrl: string | null;
  readonly failureReason: string | null;
}

export interface TranscriptMessage {
  readonly id: string;
  readonly speaker: "CUSTOMER" | "MAYA";
  readonly text: string;
}

export interface MeResult {
  readonly me: {
    readonly id: string;
    readonly balanceCents: number;
    readonly tab: Tab;
    readonly transcript: readonly TranscriptMessage[];
  };
}

export interface StartSessionResult {
  readonly startSession: {
    readonly token: string;
    readonly session: { readonly id: string; readonly balanceCents: number; readonly tab: Tab };
  };
}

export interface Reply {
  readonly text: string;
  readonly speech: string;
  readonly intent: string;
  readonly audioUrl: string | null;
  readonly session: { readonly balanceCents: number; readonly tab: Tab };
  readonly payment: Payment | null;
}

export interface SayResult {
  readonly say: Reply;
}

export interface SetTipResult {
  readonly setTip: Tab;
}

export interface PaymentResult {
  readonly payment: Payment | null;
}

export type TabEventReason = "ITEM_ADDED" | "ITEM_REMOVED" | "TIP_CHANGED" | "PAYMENT_PENDING" | "PAYMENT_FAILED" | "PAID" | "SNAPSHOT";

export interface TabEvent {
  readonly reason: TabEventReason;
  readonly balanceCents: number;
  readonly message: string | null;
  readonly tab: Tab;
  readonly payment: Payment | null;
}

/** What <maya-tab-overlay> draws of each change, nothing more. */
export const OVERLAY_TAB_CHANGED = /* GraphQL */ `
subscription OverlayTabChanged {
  tabChanged(snapshot: true) {
    reason
    balanceCents
    tab { ...TabFields }
  }
}
${TAB_FIELDS}`;

export type OverlayTabEvent = Pick<TabEvent, "reason" | "balanceCents" | "tab">;

/** The overlay's resynchronisation after a reconnect: only what the overlay draws. */
export const ME_OVERLAY = /* GraphQL */ `
query MeOverlay {
  me { balanceCents tab { ...TabFields } }
}
${TAB_FIELDS}`;

export interface MeOverlayResult {
  readonly me: { readonly balanceCents: number; readonly tab: Tab };
}

export const CREATE_OVERLAY_TOKEN = /* GraphQL */ `mutation CreateOverlayToken { createOverlayToken }`;

export interface CreateOverlayTokenResult {
  readonly createOverlayToken: string;
}

export const REVOKE_OVERLAY_TOKENS = /* GraphQL */ `mutation RevokeOverlayTokens { revokeOverlayTokens }`;

export const SPEECH_RECOGNITION = /* GraphQL */ `
query SpeechRecognition {
  speechRecognition { recognizer available preferServer path maxSeconds }
}`;

export interface SpeechRecognitionResult {
  speechRecognition: { recognizer: string | null; available: boolean; preferServer: boolean; path: string; maxSeconds: number };
}
