import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TabService } from "../../bar/tab.service.js";
import type { SessionService } from "../../sessions/session.service.js";
import type { GraphQLContext } from "../context.js";
import { MessageType, SessionGrantType, SessionType, TabType } from "../types.js";

@Resolver(() => SessionType)
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly tabs: TabService,
  ) {}

  @Query(() => SessionType, {
    description: "The authenticated session. An overlay token reads it too (its tab and balance; not the transcript).",
  })
  async me(@Ctx() ctx: GraphQLContext): Promise<SessionType> {
    const { id, createdAt } = (await ctx.viewer()).session;
    // Fresh, not the request's remembered copy: the balance may have moved since. One read, tab included.
    const { customerName, balanceCents, tab } = await this.tabs.snapshot(id);
    return { id, customerName, balanceCents, tab, createdAt };
  }

  @Mutation(() => SessionGrantType)
  startSession(
    @Arg("customerName", () => String, { nullable: true }) customerName: string | null,
  ): Promise<SessionGrantType> {
    return this.sessions.start(customerName);
  }

  @Mutation(() => String, {
    description:
      "A read-only token for the guest's overlays (a screen, a streaming tool): it can read `me` and subscribe to " +
      "`tabChanged`, and nothing else; every mutation sent with it is FORBIDDEN. It ends with the session, or with " +
      "revokeOverlayTokens. At most 20 per session.",
  })
  async createOverlayToken(@Ctx() ctx: GraphQLContext): Promise<string> {
    const { id } = await ctx.session();
    return this.sessions.createOverlayToken(id);
  }

  @Mutation(() => Boolean, {
    description: "Revokes every overlay token of the guest's session; overlays following the tab with one are disconnected.",
  })
  async revokeOverlayTokens(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const { id } = await ctx.session();
    await this.sessions.revokeOverlayTokens(id);
    return true;
  }

  @FieldResolver(() => TabType, { description: "The current tab (open or with a payment pending)." })
  async tab(@Root() session: SessionType): Promise<TabType> {
    return session.tab ?? (await this.tabs.snapshot(session.id)).tab;
  }

  @FieldResolver(() => [MessageType])
  async transcript(
    @Ctx() ctx: GraphQLContext,
    @Root() session: SessionType,
    @Arg("last", () => Int, { nullable: true, defaultValue: 50 }) last: number | null,
  ): Promise<MessageType[]> {
    // What the guest said stays the guest's: an overlay on a screen shows the tab, not the conversation.
    await ctx.session();
    return this.sessions.transcript(session.id, last ?? 50);
  }
}
