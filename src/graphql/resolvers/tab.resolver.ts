import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { TabService } from "../../bar/tab.service.js";
import type { GraphQLContext } from "../context.js";
import { TabType } from "../types.js";

@Resolver(() => TabType)
export class TabResolver {
  constructor(private readonly tabs: TabService) {}

  @Mutation(() => TabType)
  async addToTab(
    @Ctx() ctx: GraphQLContext,
    @Arg("menuItemId", () => ID) menuItemId: string,
    @Arg("quantity", () => Int, { defaultValue: 1 }) quantity: number,
    @Arg("modifiers", () => [String], { defaultValue: [] }) modifiers: string[],
  ): Promise<TabType> {
    const { id } = await ctx.session();
    return (await this.tabs.addItems(id, [{ menuItemId, quantity, modifiers }])).tab;
  }

  @Mutation(() => TabType)
  async removeFromTab(@Ctx() ctx: GraphQLContext, @Arg("tabItemId", () => ID) tabItemId: string): Promise<TabType> {
    const { id } = await ctx.session();
    return (await this.tabs.removeLine(id, tabItemId)).tab;
  }

  @Mutation(() => TabType, { description: "Set how many of one tab line; 0 removes it." })
  async updateTabItem(
    @Ctx() ctx: GraphQLContext,
    @Arg("tabItemId", () => ID) tabItemId: string,
    @Arg("quantity", () => Int) quantity: number,
  ): Promise<TabType> {
    const { id } = await ctx.session();
    return (await this.tabs.setLineQuantity(id, tabItemId, quantity)).tab;
  }

  @Mutation(() => TabType, { description: "Set the tip by percent (0-100) or by amount; neither, or 0, removes it." })
  async setTip(
    @Ctx() ctx: GraphQLContext,
    @Arg("percent", () => Int, { nullable: true }) percent: number | null,
    @Arg("amountCents", () => Int, { nullable: true }) amountCents: number | null,
  ): Promise<TabType> {
    const { id } = await ctx.session();
    return (await this.tabs.setTip(id, { percent, amountCents })).tab;
  }
}
