/**
 * The GraphQL types, code-first. They describe the plain view objects the
 * services return (src/bar/views.ts); resolvers never reshape money.
 */
import { GraphQLScalarType, Kind } from "graphql";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { MENU_CATEGORIES } from "../bar/menu-catalog.js";

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An instant, as an ISO 8601 string in UTC.",
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "string") return new Date(value).toISOString();
    throw new TypeError("DateTime must be a Date");
  },
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime must be an ISO 8601 string");
    return date;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime must be an ISO 8601 string");
    return new Date(ast.value);
  },
});

function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
}

export const MenuCategory = enumOf(MENU_CATEGORIES);
export const TabStatus = enumOf(["OPEN", "PAYMENT_PENDING", "PAID"] as const);
export const PaymentStatus = enumOf(["PENDING", "SUCCEEDED", "FAILED", "EXPIRED", "CANCELED"] as const);
export const Speaker = enumOf(["CUSTOMER", "MAYA"] as const);
export const TabEventReason = enumOf([
  "ITEM_ADDED",
  "ITEM_REMOVED",
  "TIP_CHANGED",
  "PAYMENT_PENDING",
  "PAYMENT_FAILED",
  "PAID",
  "SNAPSHOT",
] as const);

registerEnumType(MenuCategory, { name: "MenuCategory" });
registerEnumType(TabStatus, { name: "TabStatus" });
registerEnumType(PaymentStatus, { name: "PaymentStatus" });
registerEnumType(Speaker, { name: "Speaker" });
registerEnumType(TabEventReason, {
  name: "TabEventReason",
  valuesConfig: {
    SNAPSHOT: { description: "The session as it is when a `tabChanged(snapshot: true)` subscription starts; always its first message." },
  },
});

@ObjectType("MenuItem")
export class MenuItemType {
  @Field(() => ID, { description: 'Stable slug, e.g. "martini", "long-island".' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => MenuCategory)
  category!: keyof typeof MenuCategory;

  @Field(() => Int)
  priceCents!: number;

  @Field(() => String)
  description!: string;

  @Field(() => [String], { description: 'Modifiers this item accepts, e.g. "neat", "on the rocks", "dirty".' })
  modifiers!: string[];

  @Field(() => [String], { description: "Other names a guest may use for it." })
  aliases!: string[];

  @Field(() => [String], { description: 'A choice needed before pouring, e.g. ["neat", "on the rocks"]; empty if none.' })
  servingChoices!: string[];
}

@ObjectType("TabItem")
export class TabItemType {
  @Field(() => ID)
  id!: string;

  /** Resolved from the menu by TabItemResolver. */
  menuItemId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => [String])
  modifiers!: string[];

  @Field(() => Int)
  unitPriceCents!: number;

  @Field(() => Int)
  lineTotalCents!: number;
}

@ObjectType("Tab")
export class TabType {
  @Field(() => ID)
  id!: string;

  @Field(() => TabStatus)
  status!: keyof typeof TabStatus;

  @Field(() => [TabItemType])
  items!: TabItemType[];

  @Field(() => Int)
  subtotalCents!: number;

  @Field(() => Int, { nullable: true, description: "Null when there is no tip or the tip is a fixed amount." })
  tipPercent!: number | null;

  @Field(() => Int)
  tipCents!: number;

  @Field(() => Int)
  totalCents!: number;

  @Field(() => Int, { description: "Increases by one with every change; events carry it so clients drop stale ones." })
  version!: number;
}

@ObjectType("Message")
export class MessageType {
  @Field(() => ID)
  id!: string;

  @Field(() => Speaker)
  speaker!: keyof typeof Speaker;

  @Field(() => String)
  text!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType("Session")
export class SessionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  customerName!: string | null;

  @Field(() => Int, {
    description: "Money left to spend: the starting balance less every tab, open or paid, tips included.",
  })
  balanceCents!: number;

  /** Preloaded when the caller already has it (a mutation's result); else resolved. */
  tab?: TabType;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType("SessionGrant")
export class SessionGrantType {
  @Field(() => String, { description: "Opaque bearer token; shown once, stored only as a hash." })
  token!: string;

  @Field(() => SessionType)
  session!: SessionType;
}

@ObjectType("PaymentAttempt")
export class PaymentAttemptType {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: keyof typeof PaymentStatus;

  @Field(() => Int, { description: "Tab total charged, tip included." })
  amountCents!: number;

  @Field(() => Int)
  tipCents!: number;

  @Field(() => String, { description: '"mock" or "stripe".' })
  provider!: string;

  @Field(() => String, { nullable: true })
  checkoutUrl!: string | null;

  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType("TabEvent")
export class TabEventType {
  @Field(() => TabEventReason)
  reason!: keyof typeof TabEventReason;

  @Field(() => Int)
  balanceCents!: number;

  @Field(() => TabType, { description: "The session's current tab after the change; after PAID, the new empty tab." })
  tab!: TabType;

  @Field(() => PaymentAttemptType, {
    nullable: true,
    description: "The payment this event is about, for PAYMENT_PENDING, PAYMENT_FAILED and PAID.",
  })
  payment!: PaymentAttemptType | null;

  @Field(() => String, {
    nullable: true,
    description: "What Maya says about it, when she says something (tip thanks, payment received).",
  })
  message!: string | null;
}

@ObjectType("Reply", { description: "Maya's answer to one customer utterance." })
export class ReplyType {
  @Field(() => String, { description: "What Maya says, for display." })
  text!: string;

  @Field(() => String, {
    description: "The same words prepared for a speech synthesizer ($12.50 -> 12 dollars and 50 cents).",
  })
  speech!: string;

  @Field(() => String, {
    description: "What Maya understood, e.g. ORDER, SHOW_TAB, SET_TIP, PAY, MENU, RECOMMEND, SMALL_TALK, UNKNOWN.",
  })
  intent!: string;

  @Field(() => String, { nullable: true, description: "URL of synthesized audio when server-side speech is configured, else null." })
  audioUrl!: string | null;

  @Field(() => SessionType, { description: "Session state after this turn." })
  session!: SessionType;

  @Field(() => PaymentAttemptType, { nullable: true, description: "Set when this turn started or reported a payment." })
  payment!: PaymentAttemptType | null;
}
