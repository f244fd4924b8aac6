import { describe, expect, it } from "vitest";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { CORPUS, type CorpusCase } from "./corpus.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

const REQUIRED_ACCURACY = 0.97;

interface Verdict {
  passed: boolean;
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
  const before = tabLines(await bar.snapshot(sessionId));
  const result = await service.say(sessionId, entry.say);
  const problems: string[] = [];
  if (result.intent !== entry.intent) problems.push(`intent ${result.intent}, expected ${entry.intent}`);
  const after = tabLines(result.session);
  const expected = entry.tab ? [...entry.tab].sort() : before;
  if (after.join("; ") !== expected.join("; ")) problems.push(`tab [${after.join("; ")}], expected [${expected.join("; ")}]`);
  if (entry.tip !== undefined) {
    const { tipPercent, tipCents } = result.session.tab;
    const tip = tipPercent !== null ? { percent: tipPercent } : tipCents > 0 ? { amountCents: tipCents } : "none";
    if (JSON.stringify(tip) !== JSON.stringify(entry.tip)) problems.push(`tip ${JSON.stringify(tip)}, expected ${JSON.stringify(entry.tip)}`);
  }
  if (entry.payment !== undefined && (result.paymentId !== null) !== entry.payment) {
    problems.push(`payment id ${result.paymentId ?? "none"}, expected ${entry.payment ? "one" : "none"}`);
  }
  if (problems.length > 0) problems.push(`reply: ${result.text}`);
  return { passed: problems.length === 0, problems, reply: result.text };
}

describe("conversation corpus", () => {
  it(`has at least 400 utterances covering every intent`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(400);
    const intents = new Set(CORPUS.map((entry) => entry.intent));
    for (const intent of ["GREET", "ORDER", "REPEAT_ORDER", "REMOVE", "CHANGE_QUANTITY", "SHOW_TAB", "SHOW_BALANCE", "MENU", "PRICE", "RECOMMEND", "SET_TIP", "PAY", "PAYMENT_STATUS", "SMALL_TALK", "HELP", "GOODBYE", "UNKNOWN"]) {
      expect(intents, intent).toContain(intent);
    }
  });

  it(`understands at least ${REQUIRED_ACCURACY * 100}% of it, intent and tab effect both right`, async () => {
    const failures: string[] = [];
    const longReplies: string[] = [];
    for (const [position, entry] of CORPUS.entries()) {
      const verdict = await judge(entry, `corpus-${position}`);
      if (sentenceCount(verdict.reply) > 3) longReplies.push(verdict.reply);
      if (!verdict.passed) {
        const context = entry.given?.length ? ` (after ${entry.given.map((said) => `"${said}"`).join(", ")})` : "";
        failures.push(`"${entry.say}"${context}: ${verdict.problems.join("; ")}`);
      }
    }
    const accuracy = (CORPUS.length - failures.length) / CORPUS.length;
    console.log(`corpus accuracy: ${(accuracy * 100).toFixed(1)}% (${CORPUS.length - failures.length}/${CORPUS.length})`);
    if (failures.length > 0) console.log(`misunderstood:\n  ${failures.join("\n  ")}`);
    expect(accuracy).toBeGreaterThanOrEqual(REQUIRED_ACCURACY);
    // Maya is brief: one to three short sentences, whatever she was asked.
    expect(longReplies).toEqual([]);
  });
});
