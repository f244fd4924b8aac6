import type { SqlClient } from "../db/sql.js";
import { notFound } from "../errors.js";
import type { MenuItem } from "./menu-catalog.js";
import { readMenu } from "./menu.repository.js";

/**
 * The menu as the database has it, loaded once at startup: it changes only
 * with a deploy (the seed), and every turn and line needs it.
 */
export class Menu {
  private readonly byId: ReadonlyMap<string, MenuItem>;

  constructor(readonly items: readonly MenuItem[]) {
    this.byId = new Map(items.map((item) => [item.id, item]));
  }

  static async load(sql: SqlClient): Promise<Menu> {
    return new Menu(await readMenu(sql));
  }

  find(id: string): MenuItem | undefined {
    return this.byId.get(id);
  }

  get(id: string): MenuItem {
    const item = this.byId.get(id);
    if (!item) throw notFound(`There is no "${id}" on the menu.`, { menuItemId: id });
    return item;
  }
}
