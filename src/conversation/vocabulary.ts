/**
 * Everyday words that are never a drink. Two uses: a known word is not
 * "corrected" into a menu item by edit distance ("been" is not a misspelt
 * "beer", "waiter" is not "water"), and a phrase made only of known words is
 * not reported as an unknown drink ("I had a long day"). Drink names the bar
 * does not serve (wine, margarita) must stay out of this list so they get
 * "we don't have that" with suggestions.
 */
const WORDS = `
cracking smashing belting banging superb gorgeous lush wicked killer cracker
cheapest priciest dearest cheaper pricier strongest weakest
hurry hurrying rush rushing
a about above actually after again against ago ahead all almost alone along already alright also although always am
amazing an and another any anybody anyone anything anyway anywhere are area around as ask asked asking at away awesome
back bad bar bartender be bear beard beat beautiful because become bed been before being believe best better between
big bill bit bite black blue body book boring both bottle bottom bought box boy bread break bring broke brother brought
buddy build business busy but buy by call called calling came can card care case cash cause certain chance change
changed charge cheap check cheers chill choice choose city clear close closed closing clue cold come coming company
cool corner could couple course cover crazy cup cut dad dark date daughter day dead deal dear decide decided did
different dinner do does doing dollar dollars done door double down drink drinks drive driving drop dude during each
early easy eat either else end enough entire even evening ever every everybody everyone everything exactly except
excuse expensive extra eye face fact fair family fancy far fast father favorite favourite feel feeling few fine finish
first fix floor folks food for forget forgot found free fresh friday friend friends from front full fun funny game gave
get gets getting girl give given glad glass go goes going gone good got great group guess guy guys had half hand
hang happen happy hard has have having he head hear heard hello help her here hey hi high him his hit hold home
honestly hope hour hours house how huge hungry i idea if in inside instead into is it item items job joke just keep
kid kind kinda knew know last late later least leave left less let life light like line list listen little live
lol long look looking lost lot lots loud love lovely low lucky made make making man many matter may maybe me mean
meant menu met might mind mine minute minutes mix mom monday money more morning most mother much music must my
myself name near need needed never new next nice night no nobody none not nothing now number of off often oh okay
old on once one only open or order ordered other our out outside over own paid pal part party pay people perfect
person pick piece place plan play please plus point pour pretty price probably problem put quick quickly quite rather crew machine
read ready real really reason remember rest right round run sad said same saturday save saw say says second third fourth fifth sixth see seem
seen sell send sent serious serve served set seven she should show side sign simple since sir sit sitting six small
smart so some somebody someone something sometimes son soon sorry sort sound sounds speak special spend stand start
started stay still stop story stuff such sunday super sure surprise sweet table take taken talk talking tall tell
ten than thank thanks that the their them then there these they thing things think this those though thought three
through thursday time tired to today together told tomorrow tonight too took top total totally tough towards tried
true try trying tuesday turn two under understand until up upon us use used very wait waiter waiting walk want
wanted wants was watch water way we wednesday week weekend weird welcome well went were what whatever when where
whether which while who whole why wife husband will win wish with without woman wonder wonderful word work world
worry would wow yeah year years yes yet you young your yours yourself
sec secs moment tick jiffy
tab bill balance tip tips paying payment payments checkout receipt cent cents percent bucks
hello hi hey hiya howdy yo greetings bye goodbye cya later night morning afternoon evening
recommend suggest suggestion favourite fruity classy strong burning alcohol alcoholic sober virgin refreshing bitter
weather restroom bathroom toilet seat chair robot human joke name maya
question questions answer wants wanted needs likes capital country state france paris london city car park parked
sky blue red green yellow white fox brown dog cat monkey dishwasher turtle turtles fix fixed phone wifi password
song songs band game score team news movie film tv radio price prices cost costs anymore instead actually else
uh um er erm hmm mm ah oops guys folks lemme taxi cab uber ride lift home head heading tonight num
normal plain usual ordinary simple regular standard same other another whatever
rough pass passing swear reckon wonder wondering tempted craving crave allergic obsessed regret reminds remind overrated
underrated legendary boring gross sneeze dangerous college wedding airport office grandpa grandma uncle aunt roommate
coworker colleague boss lunch gallon beach distillery spot hit hour kids parents sister brother husband girlfriend
boyfriend date mom dad fan taste tastes smell smells looks sweet sour dry nineties summer winter wood pine tree
large medium regular standard frosty chilled icy proper decent cheeky stiff tiny final farewell celebratory
rome florence chicago paris weekend yesterday earlier once ever never honestly basically dinner breakfast bit
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((word) => word.length > 0));

/** Endings that make another everyday word: "comes" is "come", "tried" is "try", "asking" is "ask". */
const INFLECTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/ies$/, "y"], [/ied$/, "y"], [/es$/, ""], [/s$/, ""], [/ed$/, ""], [/ed$/, "e"], [/d$/, ""], [/ing$/, ""], [/ing$/, "e"], [/ly$/, ""],
];

/** A known everyday word, or an inflection of one. */
/** Answers for inflected words, remembered: the same words come back in every utterance. */
const inflected = new Map<string, boolean>();
const INFLECTED_CACHE_LIMIT = 10_000;

export function isEverydayWord(word: string): boolean {
  if (COMMON_WORDS.has(word)) return true;
  const known = inflected.get(word);
  if (known !== undefined) return known;
  const everyday = INFLECTIONS.some(([ending, replacement]) => ending.test(word) && COMMON_WORDS.has(word.replace(ending, replacement)));
  if (inflected.size >= INFLECTED_CACHE_LIMIT) inflected.clear();
  inflected.set(word, everyday);
  return everyday;
}
