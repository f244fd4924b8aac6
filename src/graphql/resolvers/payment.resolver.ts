import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { PaymentService } from "../../payments/payment.service.js";
import type { GraphQLContext } from "../context.js";
import { PaymentAttemptType } from "../types.js";

@Resolver(() => PaymentAttemptType)
export class PaymentResolver {
  constructor(private readonly payments: PaymentService) {}

  @Query(() => PaymentAttemptType, { nullable: true, description: "A payment attempt of the authenticated session." })
  async payment(@Ctx() ctx: GraphQLContext, @Arg("id", () => ID) paymentId: string): Promise<PaymentAttemptType | null> {
    const { id } = await ctx.session();
    return this.payments.payment(id, paymentId);
  }

  @Mutation(() => PaymentAttemptType, {
    description: "Start paying the current tab. Idempotent: while a payment is pending it returns that same attempt.",
  })
  async checkout(@Ctx() ctx: GraphQLContext): Promise<PaymentAttemptType> {
    const { id } = await ctx.session();
    return this.payments.checkout(id);
  }

  @Mutation(() => PaymentAttemptType, {
    description:
      "Mock provider only: act as the hosted checkout page with a test card number (4242424242424242 succeeds, 4000000000000002 is declined, 4000002500003155 needs confirm: true).",
  })
  async simulatePayment(
    @Ctx() ctx: GraphQLContext,
    @Arg("paymentId", () => ID) paymentId: string,
    @Arg("card", () => String) card: string,
    @Arg("confirm", () => Boolean, { defaultValue: false, description: "Completes the extra confirmation step some cards ask for." })
    confirm: boolean,
  ): Promise<PaymentAttemptType> {
    const { id } = await ctx.session();
    return this.payments.simulatePayment(id, paymentId, card, confirm);
  }
}
