import { describe, expect, it } from "vitest";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { INTENTS } from "../../src/conversation/understanding.js";
import { CATEGORIES, type Category } from "./corpus-kit.js";
import { CORPUS, type CorpusCase } from "./corpus.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

const REQUIRED_ACCURACY = 0.98;
/** At least this many cases in these categories (issue 9). */
const REQUIRED_PER_CATEGORY: Partial<Record<Category, number>> = { mention: 200, repair: 120, reference: 80, slip: 80, quantity: 60 };

interface Verdict {
  passed: boolean;
  /** The case expects the tab unchanged and the turn changed it. */
  changedTabUnasked: boolean;
  problems: string[];
  reply: string;
}

/** Sentences in a reply, not counting the points inside amounts ("$13.50") or links. */
export function sentenceCount(reply: string): number {
  const plain = reply.replace(/https?:\/\/\S+/g, "link").replace(/\d\.\d/g, "0");
  return Math.max(1, (plain.match(/[.!?]+(\s|$)/g) ?? []).length);
}

async function judge(entry: CorpusCase, sessionId: string): Promise<Verdict> {
  const bar = new FakeBar();
  const service = new ConversationService(new FakeBackend(bar, new MemoryStore()));
  for (const said of entry.given ?? []) await service.say(sessionId, said);
  const beforeSession = await bar.snapshot(sessionId);
  const before = tabLines(beforeSession);
  const result = await service.say(sessionId, entry.say);
  const problems: string[] = [];
  if (result.intent !== entry.intent) problems.push(`intent ${result.intent}, expected ${entry.intent}`);
  const after = tabLines(result.session);
  const expected = entry.tab ? [...entry.tab].sort() : before;
  if (after.join("; ") !== expected.join("; ")) problems.push(`tab [${after.join("; ")}], expected [${expected.join("; ")}]`);
  // Unchanged means unchanged: not one version more, whatever the lines say.
  const changedTabUnasked = entry.tab === undefined && (result.session.tab.version !== beforeSession.tab.version || after.join() !== before.join());
  if (changedTabUnasked && after.join() === before.join()) problems.push("the tab's version moved");
  if (entry.tip !== undefined) {
    const { tipPercent, tipCents } = result.session.tab;
    const tip = tipPercent !== null ? { percent: tipPercent } : tipCents > 0 ? { amountCents: tipCents } : "none";
    if (JSON.stringify(tip) !== JSON.stringify(entry.tip)) problems.push(`tip ${JSON.stringify(tip)}, expected ${JSON.stringify(entry.tip)}`);
  }
  if (entry.payment !== undefined && (result.paymentId !== null) !== entry.payment) {
    problems.push(`payment id ${result.paymentId ?? "none"}, expected ${entry.payment ? "one" : "none"}`);
  }
  if (problems.length > 0) problems.push(`reply: ${result.text}`);
  return { passed: problems.length === 0, changedTabUnasked, problems, reply: result.text };
}

const describeCase = (entry: CorpusCase) =>
  `[${entry.category}] "${entry.say}"${entry.given?.length ? ` (after ${entry.given.map((said) => `"${said}"`).join(", ")})` : ""}`;

describe("conversation corpus", () => {
  it("has at least 1,200 utterances, every intent, and enough of each dialogue category", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(1200);
    const intents = new Set(CORPUS.map((entry) => entry.intent));
    for (const intent of INTENTS) expect(intents, intent).toContain(intent);
    for (const [category, minimum] of Object.entries(REQUIRED_PER_CATEGORY)) {
      expect(CORPUS.filter((entry) => entry.category === category).length, category).toBeGreaterThanOrEqual(minimum);
    }
  });

  it(`understands at least ${REQUIRED_ACCURACY * 100}% of it, and never changes the tab when no change was asked for`, async () => {
    const failures: string[] = [];
    const unasked: string[] = [];
    const longReplies: string[] = [];
    const byCategory = new Map<Category, { passed: number; total: number }>(CATEGORIES.map((category) => [category, { passed: 0, total: 0 }]));
    let unchangedCases = 0;
    for (const [position, entry] of CORPUS.entries()) {
      const verdict = await judge(entry, `corpus-${position}`);
      const tally = byCategory.get(entry.category) as { passed: number; total: number };
      tally.total += 1;
      if (verdict.passed) tally.passed += 1;
      if (entry.tab === undefined) unchangedCases += 1;
      if (verdict.changedTabUnasked) unasked.push(describeCase(entry));
      if (sentenceCount(verdict.reply) > 3) longReplies.push(verdict.reply);
      if (!verdict.passed) failures.push(`${describeCase(entry)}: ${verdict.problems.join("; ")}`);
    }
    const accuracy = (CORPUS.length - failures.length) / CORPUS.length;
    const percent = (passed: number, total: number) => `${((passed / total) * 100).toFixed(1)}% (${passed}/${total})`;
    const lines = [...byCategory].filter(([, { total }]) => total > 0).map(([category, { passed, total }]) => `  ${category.padEnd(15)} ${percent(passed, total)}`);
    console.log(`corpus accuracy: ${percent(CORPUS.length - failures.length, CORPUS.length)}\n${lines.join("\n")}`);
    console.log(`tab left unchanged where no change was asked for: ${percent(unchangedCases - unasked.length, unchangedCases)}`);
    if (failures.length > 0) console.log(`misunderstood:\n  ${failures.join("\n  ")}`);
    // A bartender who charges for what a guest merely mentions cannot be trusted with a tab.
    expect(unasked).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(REQUIRED_ACCURACY);
    // Maya is brief: one to three short sentences, whatever she was asked.
    expect(longReplies).toEqual([]);
  });
});
