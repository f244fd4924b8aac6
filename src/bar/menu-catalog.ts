/**
 * The bar's menu as shipped: the single source the database is seeded from
 * (idempotently, at every start) and the shape every module reads the menu in.
 * Prices are integer cents.
 */

export const MENU_CATEGORIES = ["COCKTAIL", "BEER", "SPIRIT", "NON_ALCOHOLIC"] as const;
export type MenuCategory = (typeof MENU_CATEGORIES)[number];

/** Every modifier the bar knows, in the canonical spelling stored on tab lines. */
export const MODIFIERS = [
  "shaken",
  "stirred",
  "neat",
  "on the rocks",
  "up",
  "dry",
  "dirty",
  "perfect",
  "with a twist",
  "with a chaser",
  "double",
] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** Modifiers of one group exclude each other: a drink is not both neat and on the rocks. */
export const EXCLUSIVE_MODIFIER_GROUPS: readonly (readonly Modifier[])[] = [
  ["shaken", "stirred"],
  ["neat", "on the rocks", "up"],
];

/** The one modifier that changes the price: a double spirit costs twice the single. */
export const DOUBLE: Modifier = "double";

export interface MenuItem {
  /** Stable slug, e.g. "martini", "long-island". */
  id: string;
  name: string;
  category: MenuCategory;
  priceCents: number;
  description: string;
  /**
   * Other things a guest might call it, lower case ("bourbon", "lager"); a proper name (a brand)
   * keeps its capitals ("Dr Pepper") and is only ever read as spelled, never as a typo.
   */
  aliases: string[];
  /** Modifiers this item accepts. */
  modifiers: Modifier[];
  /**
   * A choice the bartender must know before pouring (spirits: neat or on the
   * rocks). The conversation asks for it when the guest leaves it out.
   */
  servingChoices: Modifier[];
  /** Mood tags used for recommendations ("fruity", "classy", "strong", ...). */
  tags: string[];
  sortOrder: number;
}

const SPIRIT_MODIFIERS: Modifier[] = ["neat", "on the rocks", "with a twist", "with a chaser", "double"];
const SPIRIT_SERVING: Modifier[] = ["neat", "on the rocks"];

/*
 * Brands a guest names for the drink that serves them, written as proper names: the matcher reads
 * a capitalised alias as spelled, never as a typo of another word ("faster" is not Foster's, "bare"
 * is not Barq's). Only names a guest would not mean as anything else: a brand that is also a first
 * name, a place or an everyday word on its own ("Jack", "Captain", "Malibu", "Bud", "Crown") is
 * here only with the rest of its name. Possessives are written as said ("Maker's Mark").
 */
const LAGER_BRANDS = [
  "Budweiser", "Bud Light", "Coors", "Coors Light", "Miller Lite", "Miller Light", "Miller High Life", "Michelob Ultra",
  "Michelob", "Corona", "Corona Extra", "Corona Light", "Stella Artois", "Heineken", "Modelo",
  "Modelo Especial", "Pacifico", "Dos Equis", "Peroni", "Amstel", "Amstel Light", "Carlsberg", "Asahi", "Sapporo",
  "Kirin", "Tsingtao", "Pabst", "Pabst Blue Ribbon", "PBR", "Busch Light", "Natural Light", "Natty Light",
  "Keystone Light", "Sam Adams", "Samuel Adams", "Rolling Rock", "Tecate", "Kronenbourg", "Grolsch",
  "Pilsner Urquell", "Foster's", "Fosters", "Kingfisher", "Tiger Beer", "Singha", "Chang Beer", "Bintang", "San Miguel",
  "Estrella", "Estrella Damm", "Moretti", "Birra Moretti", "Beck's", "Tuborg", "Carling", "Molson", "Molson Canadian",
  "Labatt", "Labatt Blue", "Red Stripe", "Castle Lager", "Tusker", "Victoria Bitter", "Tooheys", "Carlton Draught",
  "Steinlager", "Cobra Beer", "Lone Star", "Harp Lager", "Hite", "Efes", "Tyskie", "Zywiec", "Quilmes",
];
const WHISKEY_BRANDS = [
  "Jack Daniel's", "Jack Daniels", "Jameson", "Jim Beam", "Maker's Mark", "Makers Mark", "Johnnie Walker",
  "Johnny Walker", "Crown Royal", "Wild Turkey", "Woodford Reserve", "Buffalo Trace", "Knob Creek", "Fireball",
  "Glenfiddich", "Glenlivet", "Macallan", "Laphroaig", "Lagavulin", "Talisker", "Canadian Club", "Bushmills",
  "Tullamore Dew", "Tullamore", "Redbreast", "Teeling", "Chivas", "Chivas Regal", "Dewar's", "Dewars", "Famous Grouse",
  "Bulleit", "Four Roses", "Evan Williams", "Elijah Craig", "Old Forester", "Yamazaki", "Hibiki", "Nikka", "Suntory",
  "Monkey Shoulder", "Highland Park", "Ardbeg", "Oban", "Balvenie", "Blanton's", "Royal Stag",
  "Blenders Pride", "Amrut", "Paul John", "Officer's Choice", "McDowell's",
];
const VODKA_BRANDS = ["Smirnoff", "Absolut", "Grey Goose", "Gray Goose", "Tito's", "Titos", "Ketel One", "Belvedere", "Stoli", "Stolichnaya", "Ciroc", "Finlandia", "Skyy", "Svedka", "Russian Standard", "Wyborowa", "Chopin Vodka"];
const RUM_BRANDS = ["Bacardi", "Captain Morgan", "Captain Morgan's", "Kraken", "Sailor Jerry", "Mount Gay", "Havana Club", "Appleton", "Old Monk", "Diplomatico", "Goslings", "Gosling's", "Ron Zacapa", "Zacapa", "Bundaberg", "Flor de Cana", "Brugal"];
const GIN_BRANDS = ["Tanqueray", "Bombay Sapphire", "Hendrick's", "Hendricks", "Beefeater", "Gordon's Gin", "Sipsmith", "Plymouth Gin", "Bombay Gin", "Roku Gin", "Monkey 47", "The Botanist", "Aviation Gin", "Bulldog Gin"];
const TEQUILA_BRANDS = ["Patron", "Jose Cuervo", "Cuervo", "Don Julio", "Casamigos", "Herradura", "Espolon", "Hornitos", "Olmeca", "Sauza", "El Jimador", "Clase Azul"];
const BRANDY_BRANDS = ["Hennessy", "Hennessey", "Remy Martin", "Courvoisier", "Martell", "Metaxa"];
const WATERS = [
  "Perrier", "San Pellegrino", "Pellegrino", "Evian", "Fiji Water", "Dasani", "Aquafina", "Smartwater", "Topo Chico", "Volvic", "Voss", "Highland Spring", "Buxton",
  "club soda", "soda water", "Seltzer", "Seltzer water", "mineral water", "tap water", "bottled water", "bottle water", "ice water",
];
const ICED_TEAS = [
  "sweet tea", "sweet iced tea", "sweetened iced tea", "sweetened ice tea", "unsweetened iced tea", "unsweetened ice tea",
  "unsweet tea", "Lipton",
];
/** Colas and soft drinks; those sold in a diet version also with it. */
const DIET_SODAS = ["soda", "coke", "cola", "sprite", "ginger ale", "root beer", "Pepsi", "Dr Pepper", "7 Up", "Mountain Dew"];
const SODAS = [
  ...DIET_SODAS.filter((soda) => soda !== "soda"),
  ...DIET_SODAS.map((soda) => `diet ${soda}`),
  "Coca Cola", "Doctor Pepper", "7Up", "7 Up", "Seven Up", "Fanta",
  "Coke Zero", "Pepsi Max", "Pepsi Zero", "Sprite Zero", "Cherry Coke", "Vanilla Coke", "Cherry Pepsi", "orange soda",
  "grape soda", "cream soda", "ginger beer", "ginger ail", "lemon lime", "lemon lime soda", "Sierra Mist", "Mello Yello", "Sunkist",
  "Canada Dry", "Schweppes", "Fresca", "RC Cola", "Mr Pibb", "Thums Up", "Limca", "Irn Bru",
];

type CatalogEntry = Omit<MenuItem, "sortOrder" | "servingChoices"> & { servingChoices?: Modifier[] };

const ENTRIES: CatalogEntry[] = [
  // Cocktails
  {
    id: "daiquiri",
    name: "Daiquiri",
    category: "COCKTAIL",
    priceCents: 1000,
    description: "White rum, fresh lime and a little sugar, shaken hard and served up.",
    aliases: ["daiquiris", "daquiri", "rum sour"],
    modifiers: ["shaken", "up", "on the rocks"],
    tags: ["fruity", "refreshing", "sour"],
  },
  {
    id: "martini",
    name: "Martini",
    category: "COCKTAIL",
    priceCents: 1300,
    description: "Gin and dry vermouth, ice cold, with an olive or a twist.",
    aliases: ["gin martini", "dry martini", "vodka martini"],
    modifiers: ["shaken", "stirred", "up", "on the rocks", "dry", "dirty", "perfect", "with a twist"],
    tags: ["classy", "strong", "classic"],
  },
  {
    id: "long-island",
    name: "Long Island",
    category: "COCKTAIL",
    priceCents: 1200,
    description: "Vodka, gin, rum, tequila and triple sec with a splash of cola.",
    aliases: ["long island iced tea", "long island ice tea", "long islands", "lit"],
    modifiers: ["shaken", "on the rocks"],
    tags: ["strong", "party", "burning"],
  },
  {
    id: "old-fashioned",
    name: "Old Fashioned",
    category: "COCKTAIL",
    priceCents: 1200,
    description: "Bourbon stirred with sugar and bitters over a big cube, orange twist.",
    aliases: ["old fashion", "old-fashioned", "old fashioneds"],
    modifiers: ["stirred", "on the rocks", "up", "with a twist"],
    tags: ["classy", "strong", "classic", "burning"],
  },
  {
    id: "negroni",
    name: "Negroni",
    category: "COCKTAIL",
    priceCents: 1100,
    description: "Gin, Campari and sweet vermouth in equal parts, bitter and bright.",
    aliases: ["negronis"],
    modifiers: ["stirred", "on the rocks", "up", "with a twist"],
    tags: ["classy", "bitter", "classic"],
  },
  {
    id: "cosmopolitan",
    name: "Cosmopolitan",
    category: "COCKTAIL",
    priceCents: 1200,
    description: "Citrus vodka, cranberry, lime and triple sec, shaken and served up.",
    aliases: ["cosmo", "cosmos", "cosmopolitans"],
    modifiers: ["shaken", "up", "with a twist"],
    tags: ["fruity", "classy", "sweet"],
  },
  {
    id: "manhattan",
    name: "Manhattan",
    category: "COCKTAIL",
    priceCents: 1200,
    description: "Rye whiskey, sweet vermouth and bitters, stirred, with a cherry.",
    aliases: ["manhattans", "rye manhattan"],
    modifiers: ["stirred", "shaken", "up", "on the rocks", "dry", "perfect", "with a twist"],
    tags: ["classy", "strong", "classic"],
  },
  // Beer
  {
    id: "tap-beer",
    name: "Tap Beer",
    category: "BEER",
    priceCents: 500,
    description: "Our house lager, cold from the tap.",
    aliases: ["lager", "draft", "draught", "draft beer", "draught beer", "house beer", "beer on tap", "beer from the tap", "beer of the tap", "beer off the tap", "pint", "Pilsner", "light beer", ...LAGER_BRANDS],
    modifiers: [],
    tags: ["refreshing", "easy"],
  },
  {
    id: "classic-brew",
    name: "Classic Brew",
    category: "BEER",
    priceCents: 500,
    description: "A smooth amber ale, brewed the old way.",
    aliases: ["amber", "amber ale", "ale", "classic", "brew", "red ale", "irish red", "Fat Tire", "Smithwick's"],
    modifiers: [],
    tags: ["easy", "malty"],
  },
  {
    id: "ipa",
    name: "IPA",
    category: "BEER",
    priceCents: 600,
    description: "A hoppy India pale ale with a citrus finish.",
    aliases: ["india pale ale", "pale ale", "ipas", "hoppy beer", "hazy ipa", "double ipa", "session ipa", "west coast ipa", "Lagunitas", "Sierra Nevada"],
    modifiers: [],
    tags: ["hoppy", "bitter", "refreshing"],
  },
  // Spirits
  {
    id: "whiskey",
    name: "Whiskey",
    category: "SPIRIT",
    priceCents: 800,
    description: "A smooth bourbon whiskey, neat or on the rocks.",
    aliases: ["whisky", "bourbon", "scotch", "rye", "whiskeys", "whiskies", "single malt", ...WHISKEY_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["strong", "burning", "classy"],
  },
  {
    id: "vodka",
    name: "Vodka",
    category: "SPIRIT",
    priceCents: 700,
    description: "Clean, crisp vodka, neat or on the rocks.",
    aliases: ["vodkas", ...VODKA_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["strong", "burning"],
  },
  {
    id: "rum",
    name: "Rum",
    category: "SPIRIT",
    priceCents: 700,
    description: "Aged golden rum with a hint of vanilla, neat or on the rocks.",
    aliases: ["rums", "dark rum", "golden rum", ...RUM_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["strong", "sweet"],
  },
  {
    id: "gin",
    name: "Gin",
    category: "SPIRIT",
    priceCents: 800,
    description: "A London dry gin full of juniper, neat or on the rocks.",
    aliases: ["gins", "jin", "london dry", ...GIN_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["strong", "botanical"],
  },
  {
    id: "tequila",
    name: "Tequila",
    category: "SPIRIT",
    priceCents: 800,
    description: "Blanco tequila from the highlands, neat or on the rocks.",
    aliases: ["tequilas", "mezcal", "shot of tequila", ...TEQUILA_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["strong", "party", "burning"],
  },
  {
    id: "brandy",
    name: "Brandy",
    category: "SPIRIT",
    priceCents: 900,
    description: "A warming French brandy, neat or on the rocks.",
    aliases: ["cognac", "brandies", "Calvados", "Pisco", ...BRANDY_BRANDS],
    modifiers: SPIRIT_MODIFIERS,
    servingChoices: SPIRIT_SERVING,
    tags: ["classy", "strong", "warming"],
  },
  // Non-alcoholic
  {
    id: "water",
    name: "Water",
    category: "NON_ALCOHOLIC",
    priceCents: 100,
    description: "Still or sparkling, with ice and lemon if you like.",
    aliases: ["waters", "glass of water", "sparkling water", "still water", ...WATERS],
    modifiers: ["on the rocks", "with a twist"],
    tags: ["no alcohol", "refreshing"],
  },
  {
    id: "iced-tea",
    name: "Iced Tea",
    category: "NON_ALCOHOLIC",
    priceCents: 200,
    description: "Fresh brewed black tea over ice with lemon.",
    aliases: ["ice tea", "iced teas", "tea", ...ICED_TEAS],
    modifiers: ["with a twist"],
    tags: ["no alcohol", "refreshing", "caffeine"],
  },
  {
    id: "lemonade",
    name: "Lemonade",
    category: "NON_ALCOHOLIC",
    priceCents: 200,
    description: "House-made lemonade, sweet and tart.",
    aliases: ["lemonades", "lemon soda", "pink lemonade", "lemon aid", "lemon aids"],
    modifiers: [],
    tags: ["no alcohol", "fruity", "sweet"],
  },
  {
    id: "soda",
    name: "Soda",
    category: "NON_ALCOHOLIC",
    priceCents: 300,
    description: "Cola, lemon-lime or ginger ale.",
    aliases: ["sodas", "pop", "soft drink", "soda pop", "fizzy drink", ...SODAS],
    modifiers: ["on the rocks"],
    tags: ["no alcohol", "sweet", "caffeine"],
  },
];

export const MENU_CATALOG: readonly MenuItem[] = ENTRIES.map((entry, index) => ({
  ...entry,
  servingChoices: entry.servingChoices ?? [],
  sortOrder: index,
}));
