import { FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Menu } from "../../bar/menu.service.js";
import { MenuItemType, TabItemType } from "../types.js";

@Resolver(() => MenuItemType)
export class MenuResolver {
  constructor(private readonly catalog: Menu) {}

  @Query(() => [MenuItemType])
  menu(): readonly MenuItemType[] {
    return this.catalog.items;
  }
}

@Resolver(() => TabItemType)
export class TabItemResolver {
  constructor(private readonly menu: Menu) {}

  @FieldResolver(() => MenuItemType)
  menuItem(@Root() line: TabItemType): MenuItemType {
    return this.menu.get(line.menuItemId);
  }
}
