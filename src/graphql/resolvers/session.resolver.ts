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

  @Query(() => SessionType, { description: "The authenticated session." })
  async me(@Ctx() ctx: GraphQLContext): Promise<SessionType> {
    const { id, createdAt } = await ctx.session();
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

  @FieldResolver(() => TabType, { description: "The current tab (open or with a payment pending)." })
  async tab(@Root() session: SessionType): Promise<TabType> {
    return session.tab ?? (await this.tabs.snapshot(session.id)).tab;
  }

  @FieldResolver(() => [MessageType])
  transcript(
    @Root() session: SessionType,
    @Arg("last", () => Int, { nullable: true, defaultValue: 50 }) last: number | null,
  ): Promise<MessageType[]> {
    return this.sessions.transcript(session.id, last ?? 50);
  }
}
