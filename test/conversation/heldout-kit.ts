/**
 * Held-out sets (bench/heldout/WRITING.md): utterances and whole visits written by someone who
 * never read the engine, scored by the tab alone. A turn is right when the whole tab after it is
 * the one expected (and the tip and the payment, when the writer said). What matters most is
 * counted apart: a pour the guest did not ask for, more poured than asked, a total above the
 * expected one (an over-charge) and a payment nobody asked for.
 */
import { readFileSync } from "node:fs";
import { MENU_CATALOG, type Modifier } from "../../src/bar/menu-catalog.js";
import { percentOfCents } from "../../src/bar/money.js";
import { unitPriceCents } from "../../src/bar/tab-pricing.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import type { SessionView } from "../../src/conversation/bar-port.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

export type ExpectedTip = { percent: number } | { amountCents: number } | "none";

export interface HeldOutTurn {
  say: string;
  tab: readonly string[];
  tip?: ExpectedTip;
  payment?: boolean;
  note?: string;
}

export interface HeldOutCase extends Partial<HeldOutTurn> {
  id: string;
  kind: string;
  given?: readonly string[];
  visit?: readonly HeldOutTurn[];
}

export interface HeldOutSet {
  name: string;
  date?: string;
  writer?: string;
  /** The figures of the set's first run, before any change made for it; sets without one are still sealed. */
  firstRun?: unknown;
  cases: readonly HeldOutCase[];
}

/** One scored turn: said in a fresh session after `given`. */
export interface ScoredTurn extends HeldOutTurn {
  id: string;
  kind: string;
  given: readonly string[];
}

export interface TurnVerdict {
  turn: ScoredTurn;
  right: boolean;
  /** The guest asked for no drink and the turn poured one. */
  unrequestedPour: boolean;
  /** The guest asked for drinks and the turn poured more of one than asked. */
  overPour: boolean;
  /** The total after the turn is above the expected total. */
  overChargeCents: number;
  unrequestedPayment: boolean;
  problems: string[];
  reply: string;
}

export function readHeldOutSet(path: string): HeldOutSet {
  return JSON.parse(readFileSync(path, "utf8")) as HeldOutSet;
}

export function scoredTurns(set: HeldOutSet): ScoredTurn[] {
  const turns: ScoredTurn[] = [];
  for (const entry of set.cases) {
    if (entry.visit) {
      entry.visit.forEach((turn, position) =>
        turns.push({ ...turn, id: `${entry.id}.${position + 1}`, kind: entry.kind, given: entry.visit!.slice(0, position).map((earlier) => earlier.say) }),
      );
    } else {
      turns.push({ id: entry.id, kind: entry.kind, given: entry.given ?? [], say: entry.say ?? "", tab: entry.tab ?? [], ...pick(entry) });
    }
  }
  return turns;
}

function pick(entry: HeldOutCase): Pick<HeldOutTurn, "tip" | "payment" | "note"> {
  return {
    ...(entry.tip !== undefined ? { tip: entry.tip } : {}),
    ...(entry.payment !== undefined ? { payment: entry.payment } : {}),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
}

const LINE = /^(\d+) ([a-z-]+)(?: \((.+)\))?$/;

/** "2 martini (dirty)" -> key "martini (dirty)", count 2. */
function countsOf(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) throw new Error(`not a tab line: "${line}"`);
    const key = match[3] ? `${match[2]} (${match[3]})` : (match[2] as string);
    counts.set(key, (counts.get(key) ?? 0) + Number(match[1]));
  }
  return counts;
}

function subtotalOf(counts: ReadonlyMap<string, number>): number {
  let cents = 0;
  for (const [key, count] of counts) {
    const [id, modifiers] = key.split(" (") as [string, string | undefined];
    const item = MENU_CATALOG.find((entry) => entry.id === id);
    if (!item) throw new Error(`no menu item "${id}"`);
    cents += unitPriceCents(item, (modifiers?.slice(0, -1).split(", ") ?? []) as Modifier[]) * count;
  }
  return cents;
}

const tipOf = (session: SessionView): ExpectedTip =>
  session.tab.tipPercent !== null ? { percent: session.tab.tipPercent } : session.tab.tipCents > 0 ? { amountCents: session.tab.tipCents } : "none";

function tipCents(tip: ExpectedTip, subtotalCents: number): number {
  if (tip === "none") return 0;
  return "percent" in tip ? percentOfCents(subtotalCents, tip.percent) : tip.amountCents;
}

export async function judgeTurn(turn: ScoredTurn, sessionId = turn.id): Promise<TurnVerdict> {
  const service = new ConversationService(new FakeBackend(new FakeBar(), new MemoryStore()));
  let before: SessionView | null = null;
  for (const said of turn.given) before = (await service.say(sessionId, said)).session;
  const result = await service.say(sessionId, turn.say);
  const beforeCounts = countsOf(before ? tabLines(before) : []);
  const actual = countsOf(tabLines(result.session));
  const expected = countsOf(turn.tab);
  const problems: string[] = [];
  const show = (counts: ReadonlyMap<string, number>) => [...counts].map(([key, count]) => `${count} ${key}`).sort().join("; ");
  if (show(actual) !== show(expected)) problems.push(`tab [${show(actual)}], expected [${show(expected)}]`);
  const actualTip = tipOf(result.session);
  if (turn.tip !== undefined && JSON.stringify(actualTip) !== JSON.stringify(turn.tip)) {
    problems.push(`tip ${JSON.stringify(actualTip)}, expected ${JSON.stringify(turn.tip)}`);
  }
  // The writer marks the turns that start a payment; any other turn must not start one.
  const startedPayment = result.paymentId !== null && before?.tab.status !== "PAYMENT_PENDING" && result.session.tab.status === "PAYMENT_PENDING";
  if (startedPayment !== (turn.payment ?? false)) problems.push(startedPayment ? "started a payment" : "started no payment");

  // What matters most, whatever else went wrong.
  const askedForMore = [...expected].some(([key, count]) => count > (beforeCounts.get(key) ?? 0));
  const pouredBeyond = [...actual].some(([key, count]) => count > (beforeCounts.get(key) ?? 0) && count > (expected.get(key) ?? 0));
  const expectedTip = turn.tip ?? (before ? tipOf(before) : "none");
  const expectedSubtotal = subtotalOf(expected);
  const expectedTotal = expectedSubtotal + tipCents(expectedTip, expectedSubtotal);
  return {
    turn,
    right: problems.length === 0,
    unrequestedPour: pouredBeyond && !askedForMore,
    overPour: pouredBeyond && askedForMore,
    overChargeCents: Math.max(0, result.session.tab.totalCents - expectedTotal),
    unrequestedPayment: startedPayment && turn.payment !== true,
    problems,
    reply: result.text,
  };
}

export interface SetScore {
  name: string;
  turns: number;
  right: number;
  unrequestedPours: TurnVerdict[];
  overPours: TurnVerdict[];
  overCharges: TurnVerdict[];
  unrequestedPayments: TurnVerdict[];
  failures: TurnVerdict[];
  byKind: Map<string, { right: number; total: number }>;
}

export async function scoreSet(set: HeldOutSet): Promise<SetScore> {
  const verdicts = [];
  for (const turn of scoredTurns(set)) verdicts.push(await judgeTurn(turn, `${set.name}:${turn.id}`));
  const byKind = new Map<string, { right: number; total: number }>();
  for (const verdict of verdicts) {
    const tally = byKind.get(verdict.turn.kind) ?? { right: 0, total: 0 };
    tally.total += 1;
    if (verdict.right) tally.right += 1;
    byKind.set(verdict.turn.kind, tally);
  }
  return {
    name: set.name,
    turns: verdicts.length,
    right: verdicts.filter((verdict) => verdict.right).length,
    unrequestedPours: verdicts.filter((verdict) => verdict.unrequestedPour),
    overPours: verdicts.filter((verdict) => verdict.overPour),
    overCharges: verdicts.filter((verdict) => verdict.overChargeCents > 0),
    unrequestedPayments: verdicts.filter((verdict) => verdict.unrequestedPayment),
    failures: verdicts.filter((verdict) => !verdict.right),
    byKind,
  };
}

export function describeVerdict(verdict: TurnVerdict): string {
  const { turn } = verdict;
  const given = turn.given.length > 0 ? ` (after ${turn.given.map((said) => `"${said}"`).join(", ")})` : "";
  const flags = [
    verdict.unrequestedPour ? "UNREQUESTED POUR" : "",
    verdict.overPour ? "OVER-POUR" : "",
    verdict.overChargeCents > 0 ? `OVER-CHARGE ${verdict.overChargeCents}c` : "",
    verdict.unrequestedPayment ? "UNREQUESTED PAYMENT" : "",
  ].filter(Boolean);
  return `[${turn.id} ${turn.kind}] "${turn.say}"${given}: ${verdict.problems.join("; ")}${flags.length ? ` ${flags.join(" ")}` : ""}\n      reply: ${verdict.reply}${turn.note ? `\n      note: ${turn.note}` : ""}`;
}
