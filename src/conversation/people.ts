/**
 * Words for people other than the guest and Maya: who a clause may be about ("my sister loves
 * negronis") and whom "the same as" may point at ("the same as that couple": their drinks, not the
 * guest's last order).
 */
export const PERSON_NOUNS =
  "friend|friends|sister|sisters|brother|brothers|wife|husband|mom|mum|mother|dad|father|boss|buddy|mate|date|girlfriend|boyfriend|partner|roommate|flatmate|colleague|colleagues|coworker|coworkers|son|daughter|uncle|aunt|auntie|aunty|nan|nana|gran|granny|grandson|granddaughter|grandkids|grandchildren|nephew|niece|cousin|grandma|grandpa|grandmother|grandfather|kids|kid|parents|family|doctor|manager|managers|supervisor|neighbor|neighbour|team|guests|guest|pal|fiance|fiancee|bestie|folks|dog|cat|man|lady|missus|hubby|wifey|fella|bloke|lad|lads|twins|twin|triplets|" +
  // People by what they do or are to the guest ("my landlord would kill for a martini").
  "landlord|landlady|teacher|coach|captain|skipper|chef|nurse|lawyer|client|clients|customer|teammate|teammates|bride|groom|bridesmaid|host|pastor|vicar|professor|tutor|intern";

/** The same words, one per entry: "grandma", "dad" said before a name or a drink. */
export const PERSON_WORDS: ReadonlySet<string> = new Set(PERSON_NOUNS.split("|"));

/** Whose drink: "my one", "his one" stand for the drink that is theirs, no count of it. */
export const WHOSE: ReadonlySet<string> = new Set(["my", "his", "her", "their", "our", "your"]);

/** People seen around the bar: "the guy next to me", "that couple". */
export const PEOPLE_AROUND = "guy|guys|lady|ladies|man|men|woman|women|girl|girls|boy|boys|couple|bartender|table|gentleman|gentlemen|kids|people|group|lot|gang";
