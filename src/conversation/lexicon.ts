/**
 * What guests name that is not on the menu: food, other goods a bar does not
 * sell, and drinks this bar does not pour (with the family they belong to and
 * their mood, in the menu's own tags, so a suggestion comes from the same kind
 * of drink and never from spelling). Generic vocabulary: dishes, toppings,
 * snacks, drink styles; the menu and its aliases stay in the catalog.
 *
 * Each phrase is known with its plural ("hot dogs", "mojitos"). Words here are
 * never read as a misspelt drink ("pepperoni" is not "negroni").
 */
import type { MenuCategory } from "../bar/menu-catalog.js";

/**
 * FOOD and GOODS are not sold here at all; DRINK is a drink the bar does not pour; GARNISH is what
 * goes in or on a drink ("a slice of lime", "extra olives"): neither ordered nor refused.
 */
export type LexiconKind = "FOOD" | "GOODS" | "DRINK" | "GARNISH";

export interface LexiconEntry {
  kind: LexiconKind;
  /** The menu family the drink belongs to, when it has one (a stout is a beer; wine has none here). */
  category: MenuCategory | null;
  /** Menu tags the drink shares ("fruity", "no alcohol"...): what the suggestions are chosen by. */
  moods: readonly string[];
}

export interface LexiconMatch {
  entry: LexiconEntry;
  length: number;
}

const words = (list: string): string[] => list.split("|").map((phrase) => phrase.trim()).filter((phrase) => phrase !== "");

/** Dishes, snacks, ingredients and toppings: what a kitchen sells. */
const FOOD = words(`
  food|something to eat|anything to eat|bite to eat|meal|dish|snack|appetizer|appetiser|starter|entree|main course|dessert|platter|bar food|bar snacks|side dish|
  pizza|pie|crust|thin crust|deep dish|stuffed crust|flatbread|calzone|stromboli|breadstick|garlic bread|dough|topping|
  burger|hamburger|cheeseburger|veggie burger|slider|sandwich|sub|hoagie|panini|club sandwich|blt|wrap|burrito|taco|quesadilla|
  nacho|nachos|enchilada|fajita|tamale|hot dog|hotdog|corn dog|bratwurst|pretzel|sausage|kebab|gyro|falafel|hummus|pita|
  pasta|spaghetti|penne|lasagna|lasagne|ravioli|gnocchi|fettuccine|linguine|macaroni|mac and cheese|noodle|ramen|pho|pad thai|
  risotto|paella|curry|stew|chili|chilli|soup|chowder|salad|caesar salad|steak|ribeye|sirloin|brisket|rib|ribs|pork|pulled pork|
  ham|bacon|beef|ground beef|lamb|veal|venison|meat|meatball|meatloaf|chicken|fried chicken|grilled chicken|wing|wings|
  buffalo wings|chicken wings|tender|chicken tenders|nugget|drumstick|turkey|duck|fish|fish and chips|fish tacos|salmon|tuna|
  cod|halibut|trout|shrimp|prawn|lobster|crab|crab cake|oyster|clam|mussel|scallop|calamari|squid|octopus|anchovy|anchovies|
  sushi|sashimi|dumpling|spring roll|egg roll|bao|tempura|edamame|tofu|rice|fried rice|beans|egg|eggs|omelette|omelet|
  pancake|waffle|french toast|bagel|croissant|muffin|scone|biscuit|bread|roll|bun|baguette|toastie|quiche|quiches|canape|canapes|vol au vent|vol au vents|blini|blinis|
  fries|french fries|chips|crisps|potato chips|tortilla chips|tater tots|hash browns|onion rings|mozzarella sticks|
  jalapeno poppers|potato|potatoes|mashed potatoes|baked potato|coleslaw|pickle|pickles|popcorn|peanut|peanuts|nuts|
  mixed nuts|almond|almonds|cashew|cashews|pistachio|pistachios|crackers|cracker|jerky|pork rinds|trail mix|pretzels|
  cheese|cheese plate|cheese board|charcuterie|mozzarella|parmesan|cheddar|feta|ricotta|pecorino|provolone|gouda|brie|
  pepperoni|salami|prosciutto|chorizo|mushroom|onion|pepper|peppers|bell pepper|green pepper|red pepper|hot pepper|
  banana pepper|jalapeno|jalapenos|pineapple|tomato|tomatoes|cherry tomatoes|sun dried tomatoes|spinach|basil|garlic|
  pesto|sauce|marinara|alfredo|artichoke|broccoli|corn|avocado|guacamole|salsa|queso|dip|lettuce|cucumber|carrot|
  carrots|celery|eggplant|zucchini|arugula|kale|vegetable|vegetables|veggie|veggies|mayo|mayonnaise|ketchup|mustard|ranch|
  bbq|barbecue|barbeque|gravy|butter|
  cake|cheesecake|tart|brownie|cookie|cookies|ginger snap|gingersnap|brandy snap|brandy snaps|biscotti|shortbread|donut|doughnut|cupcake|ice cream|ice lolly|ice lollies|ice pop|ice pops|cake pop|cake pops|popsicle|popsicles|lolly|lollies|lollipop|lollipops|gelato|sorbet|sundae|pudding|tiramisu|
  creme brulee|mousse|candy|chocolate|chocolate bar|fudge|meringue|pastry|pastries|crepe|churro|float|root beer float|
  coke float|sweets|dessert menu|breakfast|brunch|lunch special|kids meal
`);

/** Things for sale elsewhere: a bar that only pours drinks says so. */
const GOODS = words(`
  cigarette|cigarettes|cig|cigs|ciggie|ciggies|smokes|tobacco|cigar|cigars|cigarillo|marlboro|marlboros|vape|vape pen|
  e cigarette|juul|
  nicotine|snus|rolling papers|lighter|chewing gum|gum|lottery ticket|scratch card|phone charger|charger|umbrella|
  condom|condoms|aspirin|ibuprofen|painkiller|painkillers|tampon|souvenir|t shirt|hat|
  water bowl|dog bowl|dog treat|dog treats|ice bucket|ice pack
`);

/** What goes in or on a drink: not ordered by itself, and never a reason to hold a drink back. */
const GARNISH = words(`
  lemon|lime|olive|olives|cherry|cherries|orange slice|orange peel|peel|mint|mint leaves|salt|sugar|ice|ice cubes|
  wedge|lemon wedge|lime wedge|slice|splash|dash|sprig|straw|straws|napkin|napkins|coaster|garnish|umbrella drink
`);

type Moods = readonly string[];
const FRUITY: Moods = ["fruity"];

/** Drinks the bar does not pour: the family (null when the menu has none) and the mood, in menu tags. */
const DRINKS: ReadonlyArray<readonly [string, MenuCategory | null, Moods]> = [
  // Cocktails
  ...words("mojito|caipirinha").map((name) => [name, "COCKTAIL", ["fruity", "refreshing", "sour"]] as const),
  ...words("margarita|paloma|pisco sour").map((name) => [name, "COCKTAIL", ["sour", "fruity", "party"]] as const),
  ...words("pina colada|mai tai|zombie|sex on the beach|tequila sunrise|blue lagoon|bahama mama|rum punch|fruit punch|screwdriver|lemon drop|appletini|sea breeze|cape codder|woo woo").map(
    (name) => [name, "COCKTAIL", ["fruity", "sweet", "party"]] as const,
  ),
  ...words("whiskey sour|whisky sour|bourbon sour|amaretto sour|midori sour|tom collins|john collins|gimlet|sidecar|french 75|bees knees|clover club|gin fizz").map(
    (name) => [name, "COCKTAIL", ["sour", "classy", "refreshing"]] as const,
  ),
  ...words("moscow mule|kentucky mule|dark and stormy|gin and tonic|g and t|gin tonic|vodka tonic|vodka soda|vodka cranberry|vodka red bull|rum and coke|cuba libre|jack and coke|whiskey and coke|whiskey coke|whiskey ginger|highball|spritz|aperol spritz").map(
    (name) => [name, "COCKTAIL", ["refreshing", "strong"]] as const,
  ),
  ...words("sazerac|boulevardier|vieux carre|mint julep|espresso martini|vesper|stinger").map(
    (name) => [name, "COCKTAIL", ["classy", "strong", "classic"]] as const,
  ),
  ...words("white russian|black russian|mudslide|grasshopper|brandy alexander|eggnog").map((name) => [name, "COCKTAIL", ["sweet", "strong"]] as const),
  ...words("bloody mary|bloody caesar|michelada").map((name) => [name, "COCKTAIL", ["strong", "burning"]] as const),
  ...words("irish coffee|hot toddy|mulled wine").map((name) => [name, "COCKTAIL", ["warming", "strong"]] as const),
  ...words("mimosa|bellini|kir royale|kir").map((name) => [name, "COCKTAIL", ["fruity", "classy"]] as const),
  // Wine
  ...words("wine|red wine|house red|house wine|merlot|cabernet|cabernet sauvignon|pinot|pinot noir|malbec|shiraz|syrah|zinfandel|rioja|chianti|port wine|dry sherry|sherry|claret|beaujolais|tempranillo|grenache|sancerre|chablis|bordeaux|burgundy").map(
    (name) => [name, null, ["classy", "warming"]] as const,
  ),
  ...words("white wine|house white|chardonnay|sauvignon blanc|pinot grigio|pinot gris|riesling|rose|rose wine|moscato|prosecco|champagne|cava|sparkling wine|lambrusco|sangria").map(
    (name) => [name, null, ["classy", "fruity", "party"]] as const,
  ),
  // Beer the bar does not have on tap
  ...words("stout|guinness|imperial stout|milk stout|black and tan|brown porter").map((name) => [name, "BEER", ["malty", "bitter"]] as const),
  ...words("cider|hard cider|apple cider|shandy|radler|hard seltzer|white claw|wheat beer|hefeweizen|witbier|blue moon|hoegaarden|sour beer|gose|lambic|kriek|fruit beer").map(
    (name) => [name, "BEER", ["refreshing", "fruity"]] as const,
  ),
  ...words("bock|doppelbock|dunkel|barleywine|belgian ale|tripel|dubbel|leffe|chimay|duvel|scotch ale|mead").map((name) => [name, "BEER", ["malty", "strong"]] as const),
  // Spirits and liqueurs the bar does not pour
  ...words("absinthe|ouzo|sambuca|raki|arak|pastis|chartreuse").map((name) => [name, "SPIRIT", ["strong", "botanical"]] as const),
  ...words("jagermeister|jager|jager bomb").map((name) => [name, "SPIRIT", ["party", "strong"]] as const),
  ...words("fernet|amaro|campari|aperol|vermouth|bitters").map((name) => [name, null, ["bitter", "classy"]] as const),
  ...words("baileys|kahlua|amaretto|frangelico|limoncello|cointreau|grand marnier|triple sec|schnapps|peach schnapps|liqueur|cream liqueur|sloe gin").map(
    (name) => [name, "SPIRIT", ["sweet", "strong"]] as const,
  ),
  ...words("soju|baijiu|shochu|grappa|moonshine|everclear|cachaca|aquavit|akvavit|slivovitz|palinka|tsipouro").map(
    (name) => [name, "SPIRIT", ["strong", "burning"]] as const,
  ),
  // Soft drinks the bar does not have
  ...words("coffee|espresso|latte|cappuccino|americano|macchiato|mocha|flat white|iced coffee|cold brew|decaf|hot tea|cup of tea|pot of tea|mug of tea|cuppa|black tea|earl grey|earl grey tea|english breakfast|english breakfast tea|breakfast tea|jasmine tea|oolong|rooibos|builders tea|peppermint tea|mint tea|fresh mint tea|green tea|herbal tea|chamomile|chamomile tea|chai|chai latte|matcha|red bull|energy drink|monster energy").map(
    (name) => [name, "NON_ALCOHOLIC", ["no alcohol", "caffeine"]] as const,
  ),
  ...words("juice|orange juice|oj|apple juice|cranberry juice|pineapple juice|grapefruit juice|tomato juice|lime juice|smoothie|arnold palmer|shirley temple|roy rogers|virgin mojito|virgin margarita|virgin pina colada|virgin mary|nojito").map(
    (name) => [name, "NON_ALCOHOLIC", ["no alcohol", ...FRUITY]] as const,
  ),
  ...words("milk|chocolate milk|milkshake|milk shake|frappe|frappuccino|hot chocolate|hot cocoa|cocoa|horchata").map(
    (name) => [name, "NON_ALCOHOLIC", ["no alcohol", "sweet"]] as const,
  ),
  ...words("tonic|tonic water|kombucha|coconut water|gatorade|powerade|sports drink|vitamin water|bitter lemon").map(
    (name) => [name, "NON_ALCOHOLIC", ["no alcohol", "refreshing"]] as const,
  ),
];

/**
 * Everyday words a typo away from a brand on the menu ("absolute" is not Absolut, "santa" is not
 * Fanta): real words are never read as a misspelt drink.
 */
// (And names a letter away from a drink: "let me ask Walter", "for Ron".)
const NEAR_BRANDS = words("absolute|stellar|model|models|pacific|terrier|santa|evan|matron|patrons|bullet|modem|kirk|cirque|walter|walt|ron|jen|jin");
/** Greetings and thanks of other languages ("hola" is no cola). */
const FOREIGN_COURTESIES = words("hola|ciao|bonjour|bonsoir|hallo|salut|gracias|merci|danke|grazie|obrigado|obrigada|prost|salud|salute|sante|kampai|kanpai|konnichiwa|arigato|bitte|por favor|prego|servus|moin");

/** "hot dog" -> "hot dogs"; "anchovy" -> "anchovies"; "sandwich" -> "sandwiches"; "cup of tea" -> "cups of tea". */
function pluralForms(phrase: string): string[] {
  const wordsOf = phrase.split(" ");
  // (What a phrase of "of" counts is its head, the noun before "of".)
  const head = wordsOf.indexOf("of") > 0 ? wordsOf.indexOf("of") - 1 : wordsOf.length - 1;
  const noun = wordsOf[head] as string;
  const plurals = new Set([`${noun}s`]);
  if (/(s|sh|ch|x|z|o)$/.test(noun)) plurals.add(`${noun}es`);
  if (/[^aeiou]y$/.test(noun)) plurals.add(`${noun.slice(0, -1)}ies`);
  return [...plurals].map((plural) => wordsOf.map((word, at) => (at === head ? plural : word)).join(" "));
}

interface Lexicon {
  byPhrase: ReadonlyMap<string, LexiconEntry>;
  /** The first word of every phrase: most words start none, and need no look-up. */
  firstWords: ReadonlySet<string>;
  /** The most words in a phrase: how far a look-up reaches. */
  longest: number;
}

const LEXICON: Lexicon = (() => {
  const byPhrase = new Map<string, LexiconEntry>();
  const add = (phrase: string, entry: LexiconEntry) => {
    for (const form of [phrase, ...pluralForms(phrase)]) if (!byPhrase.has(form)) byPhrase.set(form, entry);
  };
  // Drinks first: "hot chocolate" is a drink, "chocolate" a sweet; the longer phrase is looked up first anyway.
  for (const [name, category, moods] of DRINKS) add(name, { kind: "DRINK", category, moods });
  const plain = (kind: LexiconKind): LexiconEntry => ({ kind, category: null, moods: [] });
  for (const name of FOOD) add(name, plain("FOOD"));
  for (const name of GOODS) add(name, plain("GOODS"));
  for (const name of GARNISH) add(name, plain("GARNISH"));
  const longest = Math.max(...[...byPhrase.keys()].map((phrase) => phrase.split(" ").length));
  const firstWords = new Set([...byPhrase.keys()].map((phrase) => phrase.split(" ")[0] as string));
  return { byPhrase, firstWords, longest };
})();

/** Weights and measures of things the bar does not pour: "400 kilos of hake" is no count, and "kilos" no "colas". */
export const MEASURE_WORDS: readonly string[] = [
  "kilos", "kilo", "kg", "kgs", "kilograms", "grams", "tons", "tonnes", "lbs", "lb", "feet", "foot", "ft", "metres", "meters", "inches", "knots", "fathoms", "crates", "acres",
];

const NEVER_TYPOS: ReadonlySet<string> = new Set([...[...LEXICON.byPhrase.keys()].filter((phrase) => !phrase.includes(" ")), ...NEAR_BRANDS, ...FOREIGN_COURTESIES, ...MEASURE_WORDS]);

/** The longest phrase of the lexicon starting at `start`, or null. */
export function lexiconAt(tokens: readonly string[], start: number): LexiconMatch | null {
  if (!LEXICON.firstWords.has(tokens[start] as string)) return null;
  for (let length = Math.min(LEXICON.longest, tokens.length - start); length >= 1; length -= 1) {
    const entry = LEXICON.byPhrase.get(tokens.slice(start, start + length).join(" "));
    // ("pretzel bites", "cheese balls": the food, served so, is one thing, whatever the tagger makes of "bites".)
    if (entry) return { entry, length: entry.kind === "FOOD" && SERVED_AS.has(tokens[start + length] as string) ? length + 1 : length };
  }
  return null;
}
/** How food comes, said after it: its pieces and its dishes. */
const SERVED_AS = new Set(["bites", "bite", "balls", "sticks", "skins", "strips", "fingers", "poppers", "rings", "sliders", "bowl", "basket", "board", "platter", "plate", "wedges", "tots"]);

/** A word that names something else (or is a real word near a brand): never corrected into a drink. */
export function isNeverATypo(word: string): boolean {
  return NEVER_TYPOS.has(word);
}

/** A word the lexicon knows on its own ("pizza", "wine", "lime"). */
export function lexiconWord(word: string): LexiconEntry | null {
  return LEXICON.byPhrase.get(word) ?? null;
}

/** Words that join a dish to what it is cooked with ("penne alla vodka", "chicken a la king"): still the dish. */
export const DISH_LINKS: ReadonlySet<string> = new Set(["alla", "al", "a la", "au"]);
