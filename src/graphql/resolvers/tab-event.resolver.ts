import { Arg, Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { TabChange } from "../../bar/views.js";
import type { SessionView } from "../../bar/views.js";
import type { TabEventFeed } from "../../events/tab-event-feed.js";
import type { GraphQLContext } from "../context.js";
import { TabEventType } from "../types.js";

/** The feed is reached through the context: subscriptions are built before any instance exists. */
export interface SubscriptionContext extends GraphQLContext {
  feed: TabEventFeed;
  /** The session as it is now (a fresh read). */
  snapshot(sessionId: string): Promise<SessionView>;
}

interface TabChangedArgs {
  snapshot?: boolean;
}

@Resolver(() => TabEventType)
export class TabEventResolver {
  @Subscription(() => TabEventType, {
    description:
      "Every change to the authenticated session's tab or balance, in version order. With `snapshot: true` the first " +
      "message is the session as it is once the subscription is live (reason SNAPSHOT), and the changes after it follow " +
      "with no gap and no duplicate: render it instead of querying first. An overlay token may subscribe too; " +
      "its events carry no checkout link.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, TabChangedArgs, SubscriptionContext>) => {
      const { id } = (await context.viewer()).session;
      if (!args.snapshot) return context.feed.subscribe(id);
      return context.feed.subscribe(id, {
        snapshot: async (): Promise<TabChange> => {
          const view = await context.snapshot(id);
          return { sessionId: id, reason: "SNAPSHOT", balanceCents: view.balanceCents, tab: view.tab, payment: null, message: null };
        },
      });
    },
  })
  tabChanged(
    @Ctx() ctx: GraphQLContext,
    @Root() change: TabChange,
    @Arg("snapshot", () => Boolean, {
      defaultValue: false,
      description: "Start with the session's current state (reason SNAPSHOT), sent once the subscription is live.",
    })
    _snapshot: boolean,
  ): TabEventType {
    // A checkout link lets whoever opens it pay the tab: an overlay, which changes nothing, never sees one.
    if (ctx.overlay && change.payment?.checkoutUrl) return { ...change, payment: { ...change.payment, checkoutUrl: null } };
    return change;
  }
}
