/**
 * How many tab events one Redis can fan out (docs/capacity.md):
 *
 *   npm run build && node dist/bench/redis-fanout.js [--subscribers 6] [--messages 50000]
 *
 * Publishes messages the size of a real tab event (a tab of five lines, as
 * Maya's broker sends it) to `subscribers` connections subscribed like Maya's
 * instances, and reads Redis's own CPU time (INFO cpu) before and after: its
 * CPU per published message, so messages/s per Redis core is what Redis can
 * carry when it has a core to itself (the load generator here shares the
 * machine, so its wall-clock rate is a floor, not the ceiling).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";

function sampleEvent(id: number): string {
  const sessionId = randomUUID();
  const items = Array.from({ length: 5 }, (_, index) => ({
    id: randomUUID(),
    quantity: 1 + index,
    modifiers: index % 2 ? ["on the rocks"] : [],
    unitPriceCents: 900 + index * 100,
    menuItem: { id: ["ipa", "negroni", "water", "martini", "cosmo"][index] },
  }));
  const change = {
    sessionId,
    reason: "ITEM_ADDED",
    balanceCents: 92_400,
    message: "Two negronis, coming up.",
    payment: null,
    tab: { id: randomUUID(), sessionId, status: "OPEN", version: id, subtotalCents: 7600, tipPercent: null, tipFixedCents: null, tipCents: 0, totalCents: 7600, items },
  };
  return JSON.stringify({ from: randomUUID(), row: { id, sessionId, version: id, change } });
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return value("used_cpu_sys") + value("used_cpu_user");
}

export async function runFanoutBench(options: { subscribers: number; messages: number; url?: string }) {
  const url = options.url ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const channel = `maya-bench:${randomBytes(4).toString("hex")}:tab-events`;
  const publisher = new Redis(url);
  const subscribers = Array.from({ length: options.subscribers }, () => new Redis(url));
  let delivered = 0;
  try {
    for (const subscriber of subscribers) {
      subscriber.on("message", () => void (delivered += 1));
      await subscriber.subscribe(channel);
    }
    const payload = sampleEvent(1);
    const expected = options.messages * options.subscribers;
    const cpuBefore = await redisCpuSeconds(publisher);
    const started = performance.now();
    const inFlight = 256;
    for (let sent = 0; sent < options.messages; sent += inFlight) {
      const batch = publisher.pipeline();
      for (let index = 0; index < inFlight && sent + index < options.messages; index += 1) batch.publish(channel, payload);
      await batch.exec();
    }
    while (delivered < expected && performance.now() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    const cpu = (await redisCpuSeconds(publisher)) - cpuBefore;
    return {
      bytes: Buffer.byteLength(payload),
      subscribers: options.subscribers,
      messages: options.messages,
      delivered,
      wallMessagesPerSecond: options.messages / seconds,
      redisCpuMicrosPerMessage: (cpu / options.messages) * 1e6,
      messagesPerRedisCore: cpu > 0 ? options.messages / cpu : Number.POSITIVE_INFINITY,
    };
  } finally {
    publisher.disconnect();
    for (const subscriber of subscribers) subscriber.disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  for (const subscribers of [arg("subscribers", 6), 20]) {
    const result = await runFanoutBench({ subscribers, messages: arg("messages", 50_000) });
    console.log(
      `redis fan-out, ${result.bytes}-byte tab events to ${result.subscribers} subscribers: ${result.delivered}/${result.messages * result.subscribers} delivered; ` +
        `${result.wallMessagesPerSecond.toFixed(0)} messages/s by the clock (load generator on the same 2 cores); ` +
        `Redis CPU ${result.redisCpuMicrosPerMessage.toFixed(1)} us per message = ${result.messagesPerRedisCore.toFixed(0)} messages/s per Redis core`,
    );
  }
  process.exit(0);
}
