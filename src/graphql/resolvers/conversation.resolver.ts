import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { ConversationService } from "../../conversation/conversation.service.js";
import type { PaymentService } from "../../payments/payment.service.js";
import type { SpeechService } from "../../voice/speech.service.js";
import type { GraphQLContext } from "../context.js";
import { ReplyType } from "../types.js";

/** One turn of conversation, serialised per session so turns never interleave. */
export interface TurnRunner {
  run(sessionId: string, text: string): ReturnType<ConversationService["say"]>;
}

@Resolver(() => ReplyType)
export class ConversationResolver {
  constructor(
    private readonly turns: TurnRunner,
    private readonly payments: PaymentService,
    private readonly speech: Pick<SpeechService, "audioFor">,
  ) {}

  @Mutation(() => ReplyType, {
    description: "One customer utterance (typed or transcribed speech), at most 500 characters.",
  })
  async say(@Ctx() ctx: GraphQLContext, @Arg("text", () => String) text: string): Promise<ReplyType> {
    const session = await ctx.session();
    const turn = await this.turns.run(session.id, text);
    // Outside the turn's lock: synthesis may take a moment and holds nothing.
    const [payment, audioUrl] = await Promise.all([
      turn.paymentId ? this.payments.payment(session.id, turn.paymentId) : null,
      this.speech.audioFor(turn.speech),
    ]);
    return {
      text: turn.text,
      speech: turn.speech,
      intent: turn.intent,
      audioUrl,
      session: { ...session, balanceCents: turn.session.balanceCents, tab: turn.session.tab },
      payment,
    };
  }
}
