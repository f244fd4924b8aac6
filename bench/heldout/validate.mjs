#!/usr/bin/env node
// Checks a held-out set's format (WRITING.md) without running Maya, so its
// writer can check the file without seeing how Maya does on it.
//   node bench/heldout/validate.mjs bench/heldout/<set>.json
import { readFileSync } from "node:fs";

const IDS = new Set([
  "daiquiri", "martini", "long-island", "old-fashioned", "negroni", "cosmopolitan", "manhattan", "tap-beer", "classic-brew",
  "ipa", "whiskey", "vodka", "rum", "gin", "tequila", "brandy", "water", "iced-tea", "lemonade", "soda",
]);
const MODIFIERS = new Set(["shaken", "stirred", "neat", "on the rocks", "up", "dry", "dirty", "perfect", "with a twist", "with a chaser", "double"]);
const KINDS = new Set([
  "order", "mention", "repair", "reference", "quantity", "count-attachment", "request-verb", "food", "brand", "pending", "options",
  "tip", "pay", "question", "slip", "visit", "outside",
]);
const LINE = /^(\d+) ([a-z-]+)(?: \(([a-z ,]+)\))?$/;

export function validateSet(set) {
  const problems = [];
  let turns = 0;
  const ids = new Set();
  const checkTurn = (turn, where) => {
    if (typeof turn.say !== "string" || turn.say.trim() === "") problems.push(`${where}: say must be a non-empty string`);
    if (!Array.isArray(turn.tab)) problems.push(`${where}: tab must be an array (the whole tab, [] when empty)`);
    else
      for (const line of turn.tab) {
        const match = LINE.exec(line);
        if (!match) { problems.push(`${where}: tab line "${line}" is not "<count> <id> (<modifiers>)"`); continue; }
        if (!IDS.has(match[2])) problems.push(`${where}: "${match[2]}" is not a menu id`);
        const modifiers = match[3]?.split(", ") ?? [];
        for (const modifier of modifiers) if (!MODIFIERS.has(modifier)) problems.push(`${where}: "${modifier}" is not a modifier`);
        if ([...modifiers].sort().join() !== modifiers.join()) problems.push(`${where}: modifiers of "${line}" are not sorted`);
      }
    if (turn.tip !== undefined && turn.tip !== "none" && !(Number.isInteger(turn.tip?.percent) || Number.isInteger(turn.tip?.amountCents)))
      problems.push(`${where}: tip must be {"percent": n}, {"amountCents": n} or "none"`);
    if (turn.payment !== undefined && typeof turn.payment !== "boolean") problems.push(`${where}: payment must be true or false`);
    if (turn.given !== undefined && !(Array.isArray(turn.given) && turn.given.every((said) => typeof said === "string")))
      problems.push(`${where}: given must be an array of strings`);
    turns += 1;
  };
  if (!Array.isArray(set?.cases)) return { problems: ["the file needs a cases array"], turns: 0, cases: 0 };
  for (const [index, entry] of set.cases.entries()) {
    const where = entry.id ?? `case ${index}`;
    if (ids.has(entry.id)) problems.push(`${where}: duplicate id`);
    ids.add(entry.id);
    if (!KINDS.has(entry.kind)) problems.push(`${where}: unknown kind "${entry.kind}"`);
    if (entry.kind === "visit") {
      if (!Array.isArray(entry.visit) || entry.visit.length === 0) problems.push(`${where}: a visit needs turns`);
      else entry.visit.forEach((turn, position) => checkTurn(turn, `${where} turn ${position + 1}`));
    } else checkTurn(entry, where);
  }
  return { problems, turns, cases: set.cases.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) { console.error("usage: node bench/heldout/validate.mjs <set.json>"); process.exit(2); }
  const { problems, turns, cases } = validateSet(JSON.parse(readFileSync(file, "utf8")));
  if (problems.length > 0) { console.log(problems.join("\n")); process.exit(1); }
  console.log(`ok: ${cases} cases, ${turns} scored turns`);
}
