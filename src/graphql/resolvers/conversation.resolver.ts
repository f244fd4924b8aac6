import { Arg, Ctx, Field, Float, InputType, Mutation, Resolver } from "type-graphql";
import type { ConversationService } from "../../conversation/conversation.service.js";
import { cleanHeard, type Heard } from "../../conversation/heard.js";
import type { PaymentService } from "../../payments/payment.service.js";
import type { SpeechService } from "../../voice/speech.service.js";
import type { GraphQLContext } from "../context.js";
import { ReplyType } from "../types.js";

/** One turn of conversation, serialised per session so turns never interleave. */
export interface TurnRunner {
  run(sessionId: string, text: string, heard?: Heard): ReturnType<ConversationService["say"]>;
}

/**
 * The text was heard, not typed: how sure the recognizer was and what else it heard. Only ever makes
 * Maya more careful (an order heard unsurely is confirmed before it is poured), so a client cannot
 * gain anything by what it sends here.
 */
@InputType("HeardSpeech", { description: "How a spoken utterance was heard: an order heard unsurely is confirmed before it is poured." })
export class HeardSpeechInput {
  @Field(() => Float, { nullable: true, description: "The recognizer's confidence, 0 to 1; null when it gave none." })
  confidence?: number | null;

  @Field(() => [String], { nullable: true, description: "Other readings of the same audio, most likely first (at most 4, each at most 500 characters)." })
  alternatives?: string[] | null;
}

@Resolver(() => ReplyType)
export class ConversationResolver {
  constructor(
    private readonly turns: TurnRunner,
    private readonly payments: PaymentService,
    private readonly speech: Pick<SpeechService, "audioFor">,
  ) {}

  @Mutation(() => ReplyType, {
    description: "One customer utterance (typed or transcribed speech), at most 500 characters; `heard` when it was spoken.",
  })
  async say(
    @Ctx() ctx: GraphQLContext,
    @Arg("text", () => String) text: string,
    @Arg("heard", () => HeardSpeechInput, { nullable: true }) heard?: HeardSpeechInput | null,
  ): Promise<ReplyType> {
    // Checked before the session is read: bad input changes nothing.
    const spoken = heard ? cleanHeard(heard) : undefined;
    const session = await ctx.session();
    const turn = await this.turns.run(session.id, text, spoken);
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
