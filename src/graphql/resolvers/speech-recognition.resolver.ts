import { Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { SpeechRecognitionInfo } from "../../voice/recognition/recognition-factory.js";
import { RECOGNITION_PATH, SAMPLE_RATE_HERTZ } from "../../voice/recognition/recognizer.js";

@ObjectType("SpeechRecognition", { description: "Server-side listening: which recognizer hears the guest's microphone, if any." })
export class SpeechRecognitionType {
  @Field(() => String, { nullable: true, description: '"sphinx" (offline, on this server), "google" (Google Speech-to-Text), or null: the browser\'s own recognizer only.' })
  recognizer!: string | null;

  @Field(() => Boolean, { description: "The recognizer is configured and started; when false, do not stream audio." })
  available!: boolean;

  @Field(() => Boolean, { description: "Use the server's recognizer even where the browser has its own (the operator chose where audio goes)." })
  preferServer!: boolean;

  @Field(() => String, { description: "WebSocket path on this origin to stream the microphone to." })
  path!: string;

  @Field(() => Int, { description: "Audio format: mono 16-bit little-endian PCM at this rate." })
  sampleRateHertz!: number;

  @Field(() => Int, { description: "Longest utterance, in seconds of audio." })
  maxSeconds!: number;
}

/** For the schema without an app (schema:emit): no recognizer. */
const NONE: SpeechRecognitionInfo = { recognizer: null, available: false, preferServer: false, path: RECOGNITION_PATH, sampleRateHertz: SAMPLE_RATE_HERTZ, maxSeconds: 15 };

@Resolver(() => SpeechRecognitionType)
export class SpeechRecognitionResolver {
  constructor(private readonly info: SpeechRecognitionInfo = NONE) {}

  @Query(() => SpeechRecognitionType, { description: "How the page can listen: the server's recognizer, if one is configured." })
  speechRecognition(): SpeechRecognitionType {
    return { ...this.info };
  }
}
