/** One cycle of a guest's evening; what it orders it takes off again, so it can repeat forever. */
export const SAY_MIX: readonly { text: string; intent: string }[] = [
  { text: "two martinis and an IPA", intent: "ORDER" },
  { text: "what's my tab?", intent: "SHOW_TAB" },
  { text: "what beers do you have?", intent: "MENU" },
  { text: "cancel the IPA", intent: "REMOVE" },
  { text: "how much is a negroni?", intent: "PRICE" },
  { text: "a whiskey neat", intent: "ORDER" },
  { text: "what's my balance?", intent: "SHOW_BALANCE" },
  { text: "something fruity?", intent: "RECOMMEND" },
  { text: "cancel the martinis", intent: "REMOVE" },
  { text: "cancel the whiskey", intent: "REMOVE" },
];
