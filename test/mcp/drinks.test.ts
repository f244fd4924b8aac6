/** Drink names as an agent sends them, read with the conversation engine's menu matcher. */
import { describe, expect, it } from "vitest";
import { MENU_CATALOG } from "../../src/bar/menu-catalog.js";
import { Menu } from "../../src/bar/menu.service.js";
import { DomainError } from "../../src/errors.js";
import { resolveDrink } from "../../src/mcp/drinks.js";

const menu = new Menu(MENU_CATALOG);

function refusal(said: string): DomainError {
  try {
    resolveDrink(menu, said);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`"${said}" was resolved`);
}

describe("resolveDrink", () => {
  it.each([
    ["martini", "martini"],
    ["long-island", "long-island"],
    ["Long Island Iced Tea", "long-island"],
    ["martinis", "martini"],
    ["Bourbon", "whiskey"],
    ["a negroni", "negroni"],
    ["the IPA", "ipa"],
    ["negorni", "negroni"],
    ["  Old-Fashioned ", "old-fashioned"],
    ["iced tea", "iced-tea"],
  ])("reads %j as %s", (said, id) => {
    expect(resolveDrink(menu, said).item.id).toBe(id);
  });

  it("carries the modifiers a name implies", () => {
    expect(resolveDrink(menu, "dry martini")).toMatchObject({ item: { id: "martini" }, impliedModifiers: ["dry"] });
  });

  it("refuses a drink the bar does not have, naming the closest two", () => {
    const error = refusal("pina colada");
    expect(error.code).toBe("NOT_FOUND");
    expect(error.details).toMatchObject({ reason: "UNKNOWN_DRINK" });
    expect(error.details.suggestions).toHaveLength(2);
    expect(error.message).toMatch(/^We don't have "pina colada" on the menu\. How about \w[\w ]* or \w[\w ]* instead\?$/);
  });

  it("asks which one when the words fit several drinks", () => {
    const error = refusal("beer");
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.details.reason).toBe("AMBIGUOUS_DRINK");
    expect(error.message).toBe('"beer" could be Tap Beer, Classic Brew or IPA. Which one?');
  });

  it("does not read a longer phrase as the drink it starts with, nor a quantity as a drink", () => {
    expect(refusal("martini with olives").details.reason).toBe("UNKNOWN_DRINK");
    expect(refusal("two martinis").details.reason).toBe("UNKNOWN_DRINK");
    expect(refusal("").details.reason).toBe("UNKNOWN_DRINK");
  });

  it("quotes hostile input back short and clean", () => {
    const error = refusal(`x\u0000y\n${"z".repeat(500)}`);
    expect(error.message).not.toMatch(/[\u0000\n]/);
    expect(error.message.length).toBeLessThan(200);
  });
});
