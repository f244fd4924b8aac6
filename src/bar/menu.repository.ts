/** The menu as the database holds it, in one read (the write path's SQL client, no ORM). */
import type { SqlClient, SqlStatement } from "../db/sql.js";
import type { MenuCategory, MenuItem, Modifier } from "./menu-catalog.js";

const MENU_ROWS: SqlStatement = {
  name: "maya_menu_rows",
  text: `SELECT "id", "name", "category"::text AS category, "price_cents" AS "priceCents", "description", "aliases", "modifiers",
                "serving_choices" AS "servingChoices", "tags", "sort_order" AS "sortOrder"
           FROM "menu_items" ORDER BY "sort_order", "id"`,
};

interface MenuRow {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  description: string;
  aliases: string[];
  modifiers: string[];
  servingChoices: string[];
  tags: string[];
  sortOrder: number;
}

/** Every menu item, in menu order. */
export async function readMenu(sql: SqlClient): Promise<MenuItem[]> {
  const rows = await sql.query<MenuRow>(MENU_ROWS, []);
  return rows.map((row) => ({
    ...row,
    category: row.category as MenuCategory,
    modifiers: row.modifiers as Modifier[],
    servingChoices: row.servingChoices as Modifier[],
  }));
}
