/**
 * Numbers that are not counts, found before anything reads the text for
 * drinks (as Duckling resolves numbers into typed entities before intents):
 * a count belongs to its drink, and a table, seat or room number, a time, a
 * duration or an age never is one. "One martini for table 7" pours one.
 *
 * - A label: a number right after a noun that is not a drink, a container or
 *   money ("table 7", "seat number 3", "room 302", "flight 447"), unless a
 *   drink follows it ("order 2 IPAs": the tagger calls "order" a noun).
 * - A time: after at, by, until, before, after, around, since, past, for
 *   ("at eight", "till 7", "a table for 4"), or before am, pm, o'clock, ish,
 *   or "past" and an hour ("ten past eleven");
 *   again unless a drink follows ("after two martinis").
 * - A duration or an age: before minutes, hours, days, years... ("in 10
 *   minutes", "my 5 year old").
 * - A number of people: "the 4 of us", "for 3 people"; a score: "7 to 3".
 * - A temperature: "minus 15 outside", "30 degrees" ("minus" goes with it: it takes no drink off).
 *
 * Money and percents are read where they are (numbers.ts AMOUNT_UNITS): they
 * are amounts, and the tip readers need them. What is found here is replaced
 * by a word no reader downstream can take for a count.
 */
import { isEnglishWord } from "./english.js";
import { MEASURE_WORDS } from "./lexicon.js";
import { groundPhrase } from "./grounding.js";
import { CONTAINERS, matchMenuAt, type MenuIndex } from "./menu-matcher.js";
import { PERSON_WORDS } from "./people.js";
import { readModifierAt } from "./modifiers.js";
import type { Pause, ReadText } from "./normalise.js";
import { readNumber } from "./numbers.js";
import { REFERRING } from "./order-parser.js";
import type { Tag, Tagged } from "./tagging.js";

/** `SOME_OF_THEM`: some of a group, the subject of what they do ("two of them don't drink"): no count, and not the group's size. */
export type NumberEntity = "LABEL" | "TIME" | "DURATION" | "PEOPLE" | "SOME_OF_THEM" | "SCORE" | "TEMPERATURE" | "AGE" | "THINGS";

export interface FoundEntity {
  entity: NumberEntity;
  /** Tokens the number takes ("twenty five": 2). */
  length: number;
  value: number;
}

/** "the 4 of us", "for 3 people": how many guests, not how many drinks. */
const PEOPLE = new Set([
  "people", "persons", "guests", "guys", "ladies", "gents", "adults", "folks", "pax", "mates", "buddies", "pals", "lads", "girls", "boys",
  "crew", "squad", "holes",
  ...PERSON_WORDS,
]);
const US = new Set(["us", "you"]);

/** Words after a temperature ("15 degrees", "minus 5 outside"), and before a signed one ("it's minus 15"). */
const DEGREES = new Set(["degrees", "degree", "celsius", "centigrade", "fahrenheit", "below", "outside", "out"]);
const WEATHER_BEFORE = new Set(["is", "was", "its", "at", "about", "like", "around", "nearly", "almost"]);

const TIME_PREPOSITIONS = new Set(["at", "by", "until", "till", "til", "around", "before", "after", "since", "past", "from", "for"]);
/** "my brother in 33", "the lads on 12": a room, a table or a seat said by its number alone. */
const PLACE_PREPOSITIONS = new Set(["in", "on"]);
/** Prepositions of a place known by its number: "in turn 3", "on hole 7", "at gate 12". */
const PLACED_BY_NUMBER = new Set(["in", "on", "at"]);
/** What the tagger calls a place's name before its number ("turn" is a verb to it). */
const NAMING_TAGS = new Set(["NOUN", "PROPN", "VERB"]);
/** Verbs "on" goes with, whatever the tagger calls them: "no hang on, four" ("hang" read as a noun). */
const PARTICLE_VERBS = new Set(["hang", "hold", "go", "come", "carry", "keep", "wait", "get", "later", "so", "right", "spot", "bang"]);
const CLOCK_WORDS = new Set(["am", "pm", "oclock", "ish", "hundred"]);
const UNITS = new Set([
  "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "night", "nights",
  "week", "weeks", "month", "months", "year", "years", "yr", "yrs", "o",
  // "split it four ways": how many shares, not drinks.
  "ways",
  // "we've got 27 points", "up by 3 goals": a score, never a count of drinks.
  "points", "goals", "goal", "runs", "tries", "wickets", "laps", "miles", "km", "kilometres", "kilometers", "pages", "chapters",
  // "I've lost 6 hands in a row", "3 games up": how a game went.
  "hands", "games", "frames", "matches", "races", "tricks", "spins", "strikes", "spares", "innings",
  // ("400 kilos of hake today", "hauled 80 crates"): a weight or a measure of something else.
  ...MEASURE_WORDS,
]);
/** Nouns a number after which is still about drinks or money ("IPAs, 2", "tip 20", "round 2"). */
const NOT_LABELS = new Set([
  "tip", "tips", "percent", "dollar", "dollars", "buck", "bucks", "cent", "cents", "total", "tab", "bill", "more", "round", "rounds",
  "beer", "beers", "cocktail", "cocktails", "drink", "drinks", "shot", "shots", "glass", "glasses", "pint", "pints", "bottle", "bottles",
  "can", "cans", "pitcher", "pitchers", "order", "orders", "balance",
  // The multiplication sign of a typed order ("negroni x 2", normalise.ts).
  "x",
  // Words of a repair or a courtesy that the tagger may call nouns ("no wait, four").
  "wait", "sorry", "please", "thanks", "okay", "instead", "actually", "mean",
  // ("alright fifty then": an answer's opening word, whatever the tagger calls it, numbers nothing.)
  "alright", "right", "fine", "sure", "yeah", "yes", "cool", "great",
  // The bar's request verbs, which the tagger calls nouns at the start of a command ("make one a cosmo").
  "make", "get", "give", "take", "pour", "bring", "grab", "add", "put", "change", "switch", "swap", "turn", "keep", "knock",
  "scratch", "cancel", "remove", "drop", "want", "need", "have", "try", "do", "bump", "hit", "top", "fix", "just", "only",
]);
/** Places and things that are numbered, whatever follows them ("seat 6 gin neat" is seat 6's gin). */
const NUMBERED_PLACES = new Set([
  "table", "tables", "seat", "seats", "room", "rm", "booth", "stool", "gate", "flight", "suite", "apartment", "apt", "lane", "locker",
  "row", "section", "bay", "jersey", "platform", "terminal", "floor", "level", "bus", "train", "car", "court", "pitch", "field", "hole",
  "sunbed", "sunbeds", "lounger", "cabana", "villa", "umbrella", "bed", "chair", "deck", "pod", "cabin", "tent", "spot", "song",
  "run", "lift", "slope", "piste", "stall", "stand", "queue", "ticket", "wristband", "bib", "stage", "berth", "dock", "pier", "ward", "bus", "coach",
  "tune", "track", "hymn", "chapter", "page", "question", "verse", "episode",
]);
/** Words before "round N" that make it a round of a game, by its number: "before round two", "in round 3". */
const WHEN_IN_A_GAME = new Set(["before", "after", "in", "during", "until", "till", "this", "next", "last", "from", "by", "for", "of", "into", "since"]);
/** Words before "number N" that make it a song, a dare or a player, never a choice of drinks ("which one, number two?"). */
const ASKING_FOR_A_NUMBER = new Set(["want", "request", "requesting", "play", "playing", "sing", "singing", "on", "at", "is", "was", "up"]);
const OWNED_NUMBER = new Set(["the", "our", "my", "their", "his", "her", "your", "that", "this"]);
/** "Number two", "option 3": a choice from a list, not a label, unless a noun comes first ("seat number 3"). */
const CHOICE_NOUNS = new Set(["number", "option", "no"]);
/** More choices than Maya ever lists at once. */
const LONGEST_LIST = 10;
const NOUNS = new Set(["NOUN", "PROPN"]);
/** Words between a number and its drink ("two large cold IPAs", "three pints of lager"). */
const LINKS = new Set(["x", "more", "last", "final", "quick", "of", "the", "those", "these", "extra", "large", "small", "medium", "big", "cold", "tall", "glass", "glasses", "pint", "pints", "bottle", "bottles", "can", "cans", "shot", "shots", "round", "rounds"]);
const LOOKAHEAD = 4;

/** A drink is named within a few words after `position`: the number counts it. */
function countsADrink(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  for (let at = position; at < tokens.length && at < position + LOOKAHEAD; at += 1) {
    if (matchMenuAt(tokens, at, index)) return true;
    const token = tokens[at] as string;
    const modifier = readModifierAt(tokens, at);
    if (modifier) {
      at += modifier.length - 1;
      continue;
    }
    if (!LINKS.has(token)) return false;
  }
  return false;
}

function isLabelNoun(tokens: readonly string[], tagged: Tagged, position: number, index: MenuIndex): boolean {
  const word = tokens[position];
  if (word === undefined || !NOUNS.has(tagged.tags[position] as string) || NOT_LABELS.has(word) || index.words.has(word)) return false;
  if (!CHOICE_NOUNS.has(word)) return true;
  // "number 17 just scored": a number that does something is a name, not a choice from a list.
  const after = tagged.tags[position + 2];
  if (after === "VERB" || after === "AUX" || after === "ADV") return true;
  return position > 0 && isLabelNoun(tokens, tagged, position - 1, index);
}

/** The entity of the number a list continues: "7 and 8", "4, 5" (null when the number before is none). */
function listedAfter(found: ReadonlyMap<number, FoundEntity>, position: number, tokens: readonly string[], pauses: readonly Pause[]): NumberEntity | null {
  // Labels are written as figures: "seat 3 and one for seat 4" counts one more.
  if (!/^\d+$/.test(tokens[position] as string)) return null;
  const joiner = tokens[position - 1] === "and" || tokens[position - 1] === "or";
  for (const [start, { entity, length }] of found) {
    if (joiner ? start + length === position - 1 : start + length === position && pauses[position] !== "NONE") return entity;
  }
  return null;
}

/** Who may be said to be some age, and the verbs that say it: "they're 5", "my son turned 12". */
const AGED = new Set(["he", "she", "they", "we", "i", "kids", "son", "daughter", "boy", "girl", "twins", "children", "grandson", "granddaughter", "nephew", "niece", "baby"]);
const BEING_AGED = new Set(["is", "are", "was", "were", "turned", "turns", "turning", "aged"]);
const AMOUNTS = new Set(["percent", "dollars", "dollar", "bucks", "buck", "quid", "pounds", "euros", "cents"]);
const TIP_WORDS = new Set(["tip", "tips", "tipping", "percent"]);
/** The few words before `position` talk of a tip ("what would the tip be at 15"). */
const talksOfTips = (tokens: readonly string[], position: number): boolean => tokens.slice(Math.max(0, position - 5), position).some((word) => TIP_WORDS.has(word));

/** "keep it at 10 percent", "leave that at twenty dollars": an amount the guest sets something at. */
const keptAt = (tokens: readonly string[], position: number): boolean =>
  ["it", "that", "this"].includes(tokens[position - 2] ?? "") && ["keep", "leave", "make", "set", "put", "stick", "call"].includes(tokens[position - 3] ?? "");

/** A spirit named right before `position`, with "a", "an" or "the" before it: what follows it is its age. */
function agedSpiritBefore(tokens: readonly string[], position: number, index: MenuIndex): boolean {
  for (let length = 1; length <= 3 && length <= position; length += 1) {
    const start = position - length;
    const match = matchMenuAt(tokens, start, index);
    if (!match || match.length !== length || !["a", "an", "the"].includes(tokens[start - 1] ?? "")) continue;
    return match.itemIds.every((id) => index.byId.get(id)?.category === "SPIRIT");
  }
  return false;
}

/** Verbs some of a group do: "one of them doesn't drink", "two of us are driving". */
/** What some of a group wish for counts the drinks: "three of the guys want one". */
const WISHING = new Set(["want", "wants", "need", "needs", "like", "likes", "fancy", "fancies", "get", "have", "take", "drink", "drinks", "prefer", "prefers"]);
/** ("three of the guys want one" counts the drinks by the people: "want" is left out.) */
const PEOPLES_VERBS = new Set(["does", "do", "did", "is", "are", "was", "were", "has", "have", "had", "can", "cannot", "will", "would", "went", "left", "hates", "never", "already"]);

/** "the family", "of my mates": a group of people said after "half". */
function halfOfPeople(tokens: readonly string[], at: number): boolean {
  let position = tokens[at] === "of" ? at + 1 : at;
  if (["the", "my", "our", "your", "his", "her", "their"].includes(tokens[position] ?? "")) position += 1;
  return position > at && PEOPLE.has(tokens[position] ?? "");
}

/** Plurals a guest orders by: "two specials", "three refills". */
const BAR_COUNTED = new Set(["thanks", "cheers", "specials", "refills", "doubles", "singles", "others", "ones", "usuals", "orders", "drinks", "cocktails", "beers", "spirits", "softs", "sodas"]);

/** A plural English noun at `at` that names nothing the bar could be asked for: no drink, food, goods or vessel. */
function countsThings(tokens: readonly string[], tagged: Tagged, at: number, index: MenuIndex): boolean {
  const noun = tokens[at] ?? "";
  // ("three quarters of a martini": a share of something, said with "of", is no thing of its own.)
  if (tagged.tags[at] !== "NOUN" || tokens[at + 1] === "of" || !/[a-z]{3,}s$/.test(noun) || !isEnglishWord(noun) || CONTAINERS.has(noun) || BAR_COUNTED.has(noun) || readModifierAt(tokens, at) !== null) return false;
  return matchMenuAt(tokens, at, index) === null && !countsADrink(tokens, at, index) && groundPhrase(noun, index).kind === "UNKNOWN";
}

const DECIMAL = /^\d+\.\d+$/;
/** Words of which drinks, before a count: "the other two", "the last three". */
const POINTING_ADJECTIVES = new Set(["other", "first", "second", "third", "last", "next", "same", "usual", "remaining", "extra", "previous", "final", "new", "old", "two", "three", "big", "small", "cold"]);

/** Verbs a score is said after: "scored 7.8", "averaged 6.5". */
const SCORING = new Set(["scored", "got", "averaged", "rated", "posted", "earned", "hit", "shot", "ran", "swam", "did"]);

/** Verbs that ask for what follows them: "have a 2" (whatever it is) is asked for, not scored. */
const ASKING_VERBS = new Set(["have", "get", "take", "give", "make", "order", "bring", "grab", "pour", "do", "want", "need", "like", "try", "fetch", "serve"]);

/** Verbs of a band or a singer: what follows is a song's name. */
const PERFORMING = new Set(["play", "plays", "playing", "sing", "sings", "singing", "song", "tune", "track"]);

/** "here's a five", "here is twenty": the number at `position` is said as something handed over. */
function handedOverAt(tokens: readonly string[], position: number): boolean {
  const is = tokens[position - 1] === "a" ? position - 2 : position - 1;
  return tokens[is] === "is" && tokens[is - 1] === "here";
}

/** A drink is named earlier in the sentence the number at `position` is in. */
function saidInItsSentence(tokens: readonly string[], pauses: readonly Pause[], position: number, index: MenuIndex): boolean {
  for (let at = position - 1; at >= 0 && pauses[at + 1] !== "STOP" && pauses[at + 1] !== "QUESTION"; at -= 1) if (matchMenuAt(tokens, at, index) !== null) return true;
  return false;
}

/** What each number in the tokens is, when it is not a count: by position of its first token. */
export function numberEntities(tokens: readonly string[], pauses: readonly Pause[], tagged: Tagged, index: MenuIndex): Map<number, FoundEntity> {
  const found = new Map<number, FoundEntity>();
  for (let position = 0; position < tokens.length; position += 1) {
    const token = tokens[position] as string;
    if (token === "a" || token === "an") continue;
    // "half the family's gone home": part of a group of people, no count of drinks.
    if ((token === "half" || token === "most" || token === "all") && halfOfPeople(tokens, position + 1)) {
      found.set(position, { entity: "PEOPLE", length: 1, value: 0.5 });
      continue;
    }
    // ("got a 7.8 on my second wave": a number with a decimal point is a score or a measure, never a count of drinks;
    // "7.50 dollars" is an amount, read as one below.)
    // ("make it 1.5" asks for a count, refused as no whole drink.)
    const scored = tokens[position - 1] === "a" || SCORING.has(tokens[position - 1] ?? "");
    if (DECIMAL.test(token) && scored && !AMOUNTS.has(tokens[position + 1] ?? "") && !countsADrink(tokens, position + 1, index)) {
      found.set(position, { entity: "SCORE", length: 1, value: Number(token) });
      continue;
    }
    const number = readNumber(tokens, position);
    if (!number) continue;
    const after = position + number.length;
    const next = tokens[after] ?? "";
    const previous = tokens[position - 1] ?? "";
    const joined = pauses[position] === "NONE";
    let entity: NumberEntity | null = null;
    const other = next === "to" ? readNumber(tokens, after + 1) : null;
    // "we're up 7 to 3": a score (a range goes up: "two to three" is read as one, in numbers.ts).
    if (other && other.value <= number.value) {
      found.set(position, { entity: "SCORE", length: number.length + 1 + other.length, value: number.value });
      position = after + other.length;
      continue;
    }
    // "87 out of 100", "9 out of 10 in the music round": a score, both numbers.
    const outOf = next === "out" && tokens[after + 1] === "of" ? readNumber(tokens, after + 2) : null;
    if (outOf) {
      found.set(position, { entity: "SCORE", length: number.length + 2 + outOf.length, value: number.value });
      position = after + 1 + outOf.length;
      continue;
    }
    // ("hole 9 was brutal, 5 over par": a score against par.)
    if ((next === "over" || next === "under") && tokens[after + 1] === "par") {
      found.set(position, { entity: "SCORE", length: number.length, value: number.value });
      position = after - 1;
      continue;
    }
    // "one of them doesn't drink", "two of the lads left": some of the people, the subject of a verb; no count.
    const ofWhom = next === "of" ? (REFERRING.has(tokens[after + 1] ?? "") || tokens[after + 1] === "us" || tokens[after + 1] === "you" ? 2 : ["the", "my", "our"].includes(tokens[after + 1] ?? "") && PEOPLE.has(tokens[after + 2] ?? "") ? 3 : 0) : 0;
    // ("the three of us will split one": all of them, a group.)
    const theirVerb = tokens[after + ofWhom] ?? "";
    // ("martinis, two of them shaken": how two of the drinks are made, not what two people did.)
    const doesSomething =
      PEOPLES_VERBS.has(theirVerb) || (tagged.tags[after + ofWhom] === "VERB" && !WISHING.has(theirVerb) && readModifierAt(tokens, after + ofWhom) === null);
    if (ofWhom > 0 && previous !== "the" && doesSomething) {
      // (The whole "one of the kids" goes: "of them" then points at no drinks.)
      found.set(position, { entity: "SOME_OF_THEM", length: number.length + ofWhom, value: number.value });
      position = after + ofWhom - 1;
      continue;
    }
    // "the pool table four of them": a count of the drinks named, whatever is before it.
    if (next === "of" && REFERRING.has(tokens[after + 1] ?? "")) {
      position = after - 1;
      continue;
    }
    // "15 percent", "at 15 for the tip": an amount, whatever is before it.
    // ("my phone's at 3 percent" is no tip: after "at", only where a tip is talked of.)
    if ((AMOUNTS.has(next) && (previous !== "at" || keptAt(tokens, position))) || (previous === "at" && talksOfTips(tokens, position))) {
      position = after - 1;
      continue;
    }
    // "it's minus 15 outside", "30 degrees in the shade": the weather, "minus" and all.
    const signed = previous === "minus" || previous === "negative";
    if ((DEGREES.has(next) || (signed && WEATHER_BEFORE.has(tokens[position - 2] ?? ""))) && !countsADrink(tokens, after, index)) {
      found.set(signed ? position - 1 : position, { entity: "TEMPERATURE", length: number.length + (signed ? 1 : 0), value: number.value });
      position = after - 1;
      continue;
    }
    // "a Lagavulin 16", "a Yamazaki 18": a spirit named with "a" and its age, one bottle's pour.
    if (joined && agedSpiritBefore(tokens, position, index)) {
      found.set(position, { entity: "LABEL", length: number.length, value: number.value });
      position = after - 1;
      continue;
    }
    const before = [...found.entries()].find(([start, read]) => start + read.length === position);
    // "on song 14 of 20": the total of a label's count ("of 20") is part of the label.
    const ofLabel = [...found.entries()].find(([start, read]) => start + read.length === position - 1 && read.entity === "LABEL");
    if (ofLabel && previous === "of") {
      found.set(position, { entity: "LABEL", length: number.length, value: number.value });
      position = after - 1;
      continue;
    }
    // "score's 3 1", "rows 8 9": a number right after one that is no count is no count either, unless a drink follows.
    // ("conference badge 88, gin on the rocks": a drink after a pause is not what the number counts.)
    const drinkFollows = countsADrink(tokens, after, index) && (pauses[after] ?? "NONE") === "NONE";
    const listed = listedAfter(found, position, tokens, pauses);
    if (before && !drinkFollows) entity = before[1].entity;
    else if (UNITS.has(next) && next !== "o") entity = "DURATION";
    else if (PEOPLE.has(next) || (next === "of" && US.has(tokens[after + 1] ?? ""))) entity = "PEOPLE";
    // ("two fat ladies!", a bingo call; "three old boys": people, with a word of what they are like.)
    // ("make that five, more lads just turned up": after a pause, or "more", the people are why, not what the number counts.)
    else if (tagged.tags[after] === "ADJ" && (pauses[after] ?? "NONE") === "NONE" && next !== "more" && next !== "other" && PEOPLE.has(tokens[after + 1] ?? "")) entity = "PEOPLE";
    // ("clickety click, sixty six! a gin neat please": a number that ends its sentence is no count of the drink
    // asked for in the next, which has its own.)
    else if (pauses[after] === "STOP" && (tokens[after] === "a" || tokens[after] === "an" || ASKING_VERBS.has(tokens[after] ?? "")) && !saidInItsSentence(tokens, pauses, position, index)) entity = "LABEL";
    else if (CLOCK_WORDS.has(next) || (next === "o" && tokens[after + 1] === "clock")) entity = "TIME";
    // "it's ten past eleven, one last IPA": minutes past an hour, said by the clock.
    else if (next === "past" && readNumber(tokens, after + 1) !== null) entity = "TIME";
    // ("for the table two cosmos": the table the guests sit at, said with "the", is not known by a number; the drinks are counted.)
    else if (joined && NUMBERED_PLACES.has(previous) && !(tokens[position - 2] === "the" && drinkFollows)) entity = "LABEL";
    // ("an iced tea, here's a five", "here's twenty": a note handed over, no count of drinks.)
    // ("here's sixteen, keep the change", with no drink before, is the money the tip is worked out from.)
    else if (handedOverAt(tokens, position) && !countsADrink(tokens, after, index) && tokens.slice(0, position).some((_, at) => matchMenuAt(tokens, at, index) !== null)) entity = "LABEL";
    // ("we're in the back room, number 2", "table number 4": the place's number, said as "number".)
    else if (joined && previous === "number" && NUMBERED_PLACES.has(tokens[position - 2] ?? "")) entity = "LABEL";
    // "a martini before round two", "round 9 of 10": a round of a quiz or a game, by its number, not a round of drinks.
    // ("question three, round one", "round two, question 4": a round said with another numbered thing of the game.)
    else if (
      joined && previous === "round" &&
      (WHEN_IN_A_GAME.has(tokens[position - 2] ?? "") || (next === "of" && readNumber(tokens, after + 1) !== null) || found.get(position - 2 - ((readNumber(tokens, position - 2)?.length ?? 1) - 1))?.entity === "LABEL" || NUMBERED_PLACES.has(next)) &&
      !countsADrink(tokens, after, index)
    )
      entity = "LABEL";
    // "a lager on tab 4": a tab known by its number ("put on my tab 2 more lagers" counts them).
    else if (joined && (previous === "tab" || previous === "tabs") && !OWNED_NUMBER.has(tokens[position - 2] ?? "")) entity = "LABEL";
    // "number 87 with the catch": a player's number, not a choice from a list of drinks (none is that long).
    else if (joined && CHOICE_NOUNS.has(previous) && number.value >= LONGEST_LIST && !countsADrink(tokens, after, index)) entity = "LABEL";
    // "I want number nine" (a song), "number 3 on the dare list": a number named "number", no count of drinks.
    else if (joined && previous === "number" && ASKING_FOR_A_NUMBER.has(tokens[position - 2] ?? "") && matchMenuAt(tokens, after, index) === null && !countsADrink(tokens, after, index)) entity = "LABEL";
    // "a pint for number 9": whom it is for, a player or a ticket, never a count or a choice.
    else if (joined && previous === "number" && ["for", "to", "from", "with"].includes(tokens[position - 2] ?? "") && !countsADrink(tokens, after, index)) entity = "LABEL";
    // ("a negroni for bow number 9": after a drink already named, "number" names something else, whatever it numbers.)
    else if (joined && previous === "number" && !countsADrink(tokens, after, index) && tokens.slice(0, position - 1).some((_, at) => matchMenuAt(tokens, at, index) !== null)) entity = "LABEL";
    // "get the number 8 a pint", "a whiskey for our number 7": someone's number, said with "the" or whose it is.
    else if (joined && previous === "number" && OWNED_NUMBER.has(tokens[position - 2] ?? "") && matchMenuAt(tokens, after, index) === null) entity = "LABEL";
    // "they're 5, 7 and 9", "my son is 12": how old someone is.
    else if (BEING_AGED.has(previous) && AGED.has(tokens[position - 2] ?? "") && !countsADrink(tokens, after, index)) entity = "AGE";
    // "sunbed 7 and 8", "tables 4, 5 and 6", "5, 7 and 9" (years old): more of the same, unless a drink follows.
    else if ((listed === "LABEL" || listed === "AGE") && !countsADrink(tokens, after, index)) entity = listed;
    // "can the band play Take Five", "sing 99 Red Balloons": a number in what is played or sung names it.
    else if (tokens.slice(Math.max(0, position - 3), position).some((word) => PERFORMING.has(word)) && !countsADrink(tokens, after, index) && matchMenuAt(tokens, after, index) === null) entity = "LABEL";
    // "cosmos are so 2002": a year, never a round (the bar pours fifty at most).
    else if (/^\d{4}$/.test(token) && !countsADrink(tokens, after, index)) entity = "TIME";
    // "Summer of 69", "the class of 2010": a name that ends in a number, after "of" and a noun that holds no drink.
    else if (joined && previous === "of" && tagged.tags[position - 2] === "NOUN" && !CONTAINERS.has(tokens[position - 2] ?? "") && !countsADrink(tokens, after, index) && matchMenuAt(tokens, position - 2, index) === null) entity = "LABEL";
    // ("the lady who just bowled a 300", "he rolled a 6": a score, said as what a verb did; never "have a 2".)
    else if (joined && previous === "a" && tagged.tags[position - 2] === "VERB" && !ASKING_VERBS.has(tokens[position - 2] ?? "") && !countsADrink(tokens, after, index)) entity = "SCORE";
    // "I've got 2 stops to go", "3 exams tomorrow": things of the guest's counted, no drink of any kind.
    else if (joined && number.value >= 2 && countsThings(tokens, tagged, after, index)) entity = "THINGS";
    // "one of those", "two of them": a count of drinks already said.
    else if (next !== "of" && !drinkFollows) {
      if (joined && TIME_PREPOSITIONS.has(previous)) entity = "TIME";
      // (Only after whom or what is there: "no hang on, four" still counts.)
      else if (joined && PLACE_PREPOSITIONS.has(previous) && NOUNS.has(tagged.tags[position - 2] as string) && !PARTICLE_VERBS.has(tokens[position - 2] ?? "")) entity = "LABEL";
      else if (joined && position > 0 && isLabelNoun(tokens, tagged, position - 1, index)) entity = "LABEL";
      // ("an IPA to celebrate the elite eight", "a round for the final four": after a drink named, "the", a word of
      // what it is like and a number make a name; "the other two", "the first two" point at drinks.)
      else if (joined && tokens[position - 2] === "the" && tagged.tags[position - 1] === "ADJ" && !POINTING_ADJECTIVES.has(previous) && tokens.slice(0, position - 2).some((_, at) => matchMenuAt(tokens, at, index) !== null)) entity = "LABEL";
      // ("a double Jameson for the guy who spun out in turn 3": after a drink named, a word after "in", "on" or "at"
      // and its number is a place, whatever the tagger calls the word: after "in", "turn" is a noun.)
      // ("hold on, just two": "on" of "hold on", and "just", are no place.)
      else if (joined && PLACED_BY_NUMBER.has(tokens[position - 2] ?? "") && NAMING_TAGS.has(tagged.tags[position - 1] as string) && !PARTICLE_VERBS.has(tokens[position - 3] ?? "") && !CONTAINERS.has(previous) && matchMenuAt(tokens, position - 1, index) === null && tokens.slice(0, position - 2).some((_, at) => matchMenuAt(tokens, at, index) !== null)) entity = "LABEL";
    }
    if (entity) found.set(position, { entity, length: number.length, value: number.value });
    position = after - 1;
  }
  return found;
}

/**
 * The word that stands for a number that is not a count, where the number was: "table 7" reads
 * "table num", "in twenty minutes" reads "in num minutes". No number reader takes it, and the
 * phrase around it keeps its shape for the readers of times and places.
 */
export const NOT_A_COUNT = "num";

/**
 * The text with each number that is not a count said as NOT_A_COUNT (pauses kept), the tags to
 * match, and how many guests the utterance said it is for ("the five of us"), when it said one number of them.
 */
export function withoutNonCounts(read: ReadText, tagged: Tagged, index: MenuIndex): { read: ReadText; tagged: Tagged; groupSize: number | null } {
  const found = numberEntities(read.tokens, read.pauses, tagged, index);
  if (found.size === 0) return { read, tagged, groupSize: null };
  const groups = [...found.values()].filter(({ entity }) => entity === "PEOPLE");
  const [group] = groups;
  const at = [...found.entries()].find(([, entity]) => entity === group)?.[0] ?? -1;
  // "me and my three mates": the guest and three more.
  const withTheGuest = at >= 3 && read.tokens[at - 1] === "my" && read.tokens[at - 2] === "and" && (read.tokens[at - 3] === "me" || read.tokens[at - 3] === "us");
  const groupSize = groups.length === 1 && group && Number.isInteger(group.value) ? group.value + (withTheGuest ? 1 : 0) : null;
  const tokens: string[] = [];
  const pauses: Pause[] = [];
  const tags: Tag[] = [];
  const lemmas: string[] = [];
  for (let position = 0; position < read.tokens.length; position += 1) {
    const length = found.get(position)?.length ?? 1;
    const entity = found.has(position);
    // ("one of the kids went back in": someone of the group, the subject, as "somebody" would be.)
    const someone = found.get(position)?.entity === "SOME_OF_THEM";
    tokens.push(someone ? "somebody" : entity ? NOT_A_COUNT : (read.tokens[position] as string));
    // "sunbed 41": what a number labels is a noun, whatever the tagger made of it.
    if (found.get(position)?.entity === "LABEL" && tags.length > 0) tags[tags.length - 1] = "NOUN";
    pauses.push(read.pauses[position] ?? "NONE");
    tags.push(someone ? "PRON" : entity ? "NUM" : (tagged.tags[position] ?? "X"));
    lemmas.push(someone ? "somebody" : entity ? NOT_A_COUNT : (tagged.lemmas[position] ?? (read.tokens[position] as string)));
    // A number of several words ("twenty five") is one word now; the pauses inside it go.
    position += length - 1;
  }
  pauses.push(read.pauses[read.tokens.length] ?? "NONE");
  return { read: { tokens, pauses }, tagged: { tags, lemmas }, groupSize };
}

