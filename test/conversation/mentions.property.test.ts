/**
 * The promise of issue 9 as a property: a drink that is talked about, refused
 * or asked about never lands on the tab. For every menu item, sentences from
 * statement templates (the past, other people, opinions, hypotheticals,
 * "later"), negation templates ("not", "never", "no more", "don't ... X") and
 * question templates (price, contents, balance) are said in four states: a
 * fresh session, after ordering another drink, after ordering this very
 * drink, and with Maya's offer of this drink pending (where a "yes" would
 * pour it). The tab must not change: the same lines and the same version.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MENU_CATALOG, type MenuItem } from "../../src/bar/menu-catalog.js";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { pluralOf } from "../../src/conversation/menu-matcher.js";
import { FakeBackend, FakeBar, MemoryStore, tabLines } from "./fake-bar.js";

interface Words {
  /** "a martini", "an old fashioned" */
  a: string;
  /** "the martini" */
  the: string;
  /** "martinis", "old fashioneds" */
  many: string;
  /** "martini" */
  one: string;
}

function wordsFor(item: MenuItem): Words {
  const one = item.name.toLowerCase();
  const parts = one.split(" ");
  const many = [...parts.slice(0, -1), pluralOf(parts[parts.length - 1] as string)].join(" ");
  return { a: `${/^[aeiou]/.test(one) ? "an" : "a"} ${one}`, the: `the ${one}`, many, one };
}

type Template = (w: Words) => string;

const STATEMENTS: readonly Template[] = [
  // The past.
  (w) => `I had ${w.a} last night`,
  (w) => `we drank ${w.many} at the wedding`,
  (w) => `I used to drink ${w.many} in college`,
  (w) => `I tried ${w.a} yesterday`,
  (w) => `my last ${w.one} was too strong`,
  (w) => `I've had ${w.a} before`,
  (w) => `I ordered ${w.a} at another bar once`,
  (w) => `last time I got ${w.a} and regretted it`,
  // Other people.
  (w) => `my sister loves ${w.many}`,
  (w) => `my friend always drinks ${w.many}`,
  (w) => `she swears by ${w.many}`,
  (w) => `he hates ${w.many}`,
  (w) => `my dad used to make ${w.many}`,
  (w) => `the guy next to me is drinking ${w.a}`,
  (w) => `everyone at work is obsessed with ${w.many}`,
  // Opinions.
  (w) => `${w.the} is amazing`,
  (w) => `${w.many} are overrated`,
  (w) => `that ${w.one} looks great`,
  (w) => `I love ${w.many}`,
  (w) => `I think ${w.many} are too sweet`,
  (w) => `${w.the} here is the best in town`,
  (w) => `${w.many} remind me of home`,
  (w) => `I'm a big fan of ${w.many}`,
  // Hypotheticals and later.
  (w) => `if I had ${w.a} I'd fall asleep`,
  (w) => `I might get ${w.a} later`,
  (w) => `maybe ${w.a} later`,
  (w) => `I'd never drink ${w.a}`,
  (w) => `some day I'll try ${w.a}`,
  (w) => `I'm thinking about ${w.a}`,
];

const NEGATIONS: readonly Template[] = [
  (w) => `I'm not having ${w.the}`,
  (w) => `no more ${w.many} for me`,
  (w) => `I don't want ${w.a}`,
  (w) => `not ${w.a} tonight`,
  (w) => `I never drink ${w.many}`,
  (w) => `I don't like ${w.many}`,
  (w) => `I'll pass on ${w.the}`,
  (w) => `definitely no ${w.many}`,
  (w) => `I don't feel like ${w.a}`,
  (w) => `please don't pour me ${w.a}`,
  (w) => `I won't have ${w.a} tonight`,
];

const QUESTIONS: readonly Template[] = [
  (w) => `how much is ${w.a}?`,
  (w) => `what's in ${w.a}?`,
  (w) => `do I have enough for ${w.a}?`,
  (w) => `can I afford ${w.a}?`,
  (w) => `is ${w.the} strong?`,
  (w) => `what does ${w.a} taste like?`,
  (w) => `would ${w.a} be too much for me?`,
  (w) => `should I get ${w.a}?`,
  (w) => `if I ordered ${w.a} what would it cost`,
  (w) => `how much would two ${w.many} cost`,
];

const FAMILIES = { statement: STATEMENTS, negation: NEGATIONS, question: QUESTIONS } as const;

/** How the sentence reaches Maya: as typed, or as a transcriber might write it. */
const RENDERINGS: readonly ((text: string) => string)[] = [
  (text) => text,
  (text) => text.replace(/[?.,!']/g, ""),
  (text) => text.toUpperCase(),
  (text) => `um ${text}`,
  (text) => `oh ${text.replace(/\?$/, "")}`,
];

type Setup = "fresh" | "another drink ordered" | "this drink ordered" | "this drink offered";
const SETUPS: readonly Setup[] = ["fresh", "another drink ordered", "this drink ordered", "this drink offered"];

/** Something to order that is not `item` and needs no question first. */
const otherThan = (item: MenuItem): string => (item.id === "lemonade" ? "an iced tea" : "a lemonade");

function orderOf(item: MenuItem, w: Words): string {
  return item.servingChoices.length > 0 ? `${w.a} neat` : w.a;
}

async function tabUnchangedAfter(item: MenuItem, setup: Setup, said: string): Promise<{ unchanged: boolean; detail: string }> {
  const bar = new FakeBar();
  const service = new ConversationService(new FakeBackend(bar, new MemoryStore()));
  const session = "property";
  const w = wordsFor(item);
  if (setup === "another drink ordered") await service.say(session, otherThan(item));
  if (setup === "this drink ordered") await service.say(session, orderOf(item, w));
  if (setup === "this drink offered") await service.say(session, `how much is ${w.a}?`);
  const before = await bar.snapshot(session);
  const result = await service.say(session, said);
  const after = result.session;
  const unchanged = after.tab.version === before.tab.version && tabLines(after).join() === tabLines(before).join();
  return { unchanged, detail: `[${setup}] "${said}" -> ${result.intent}: ${result.text} (tab ${tabLines(after).join("; ") || "empty"})` };
}

describe("a drink talked about, refused or asked about never lands on the tab", () => {
  it.each(Object.entries(FAMILIES))("every menu item, every %s template, after another drink was ordered", async (_family, templates) => {
    const changed: string[] = [];
    for (const item of MENU_CATALOG) {
      for (const template of templates) {
        const verdict = await tabUnchangedAfter(item, "another drink ordered", template(wordsFor(item)));
        if (!verdict.unchanged) changed.push(verdict.detail);
      }
    }
    expect(changed).toEqual([]);
  });

  it("in every state, however it is written or transcribed", async () => {
    const templates = [...STATEMENTS, ...NEGATIONS, ...QUESTIONS];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MENU_CATALOG),
        fc.constantFrom(...templates),
        fc.constantFrom(...SETUPS),
        fc.constantFrom(...RENDERINGS),
        async (item, template, setup, render) => {
          const verdict = await tabUnchangedAfter(item, setup, render(template(wordsFor(item))));
          expect(verdict.unchanged, verdict.detail).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
