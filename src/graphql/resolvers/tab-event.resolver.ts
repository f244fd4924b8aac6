import { Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { TabChange } from "../../bar/views.js";
import type { TabEventFeed } from "../../events/tab-event-feed.js";
import type { GraphQLContext } from "../context.js";
import { TabEventType } from "../types.js";

/** The feed is reached through the context: subscriptions are built before any instance exists. */
export interface SubscriptionContext extends GraphQLContext {
  feed: TabEventFeed;
}

@Resolver(() => TabEventType)
export class TabEventResolver {
  @Subscription(() => TabEventType, {
    description: "Every change to the authenticated session's tab or balance, in version order.",
    subscribe: async ({ context }: SubscribeResolverData<unknown, object, SubscriptionContext>) => {
      const { id } = await context.session();
      return context.feed.subscribe(id);
    },
  })
  tabChanged(@Root() change: TabChange): TabEventType {
    return change;
  }
}
