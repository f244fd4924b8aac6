/**
 * Rate limits shared by every instance (rate-limiter-flexible on Redis): two
 * instances behind one balancer give a client one bucket, not two, on every
 * way in (GraphQL over HTTP, the graphql-ws handshake, /mcp); buckets of
 * different apps (prefixes) never mix; with Redis away each instance limits
 * on its own instead of hanging or refusing everyone; and behind a trusted
 * proxy (MAYA_TRUSTED_PROXIES) the client's own address is what is limited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MayaApp } from "../../src/app.js";
import { createSharedRateLimiter } from "../../src/limits/shared-rate-limiter.js";
import { openRedis } from "../../src/redis/redis-connection.js";
import { MayaClient, startTestMaya } from "../support/maya.js";
import { MENU } from "../support/operations.js";
import { createTestDatabase, postgresOrSkip, type TestDatabase } from "../support/postgres.js";
import { redisEnv, redisSkipReason, REDIS_REQUIREMENT, REDIS_TEST_URL, uniqueRedisPrefix } from "../support/redis.js";
import { describeWhen } from "../support/requirements.js";
import { startTcpProxy } from "../support/tcp-proxy.js";
import { connectHttp } from "../support/mcp.js";
import { handshakeStatus } from "../support/ws.js";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const onPostgres = await postgresOrSkip();
const missing = onPostgres ? await redisSkipReason() : "PostgreSQL is not reachable";

async function menuStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: MENU }) });
  await response.arrayBuffer();
  return response.status;
}

const socketHandshake = (url: string) => handshakeStatus(url);

describeWhen(REDIS_REQUIREMENT, missing, "rate limits shared through Redis", () => {
  it("two limiters on one prefix share a bucket; another prefix has its own", async () => {
    const prefix = uniqueRedisPrefix("limits");
    const [one, two, other] = await Promise.all([
      openRedis({ url: REDIS_TEST_URL, keyPrefix: prefix }, "test", silent, { failFast: true }),
      openRedis({ url: REDIS_TEST_URL, keyPrefix: prefix }, "test", silent, { failFast: true }),
      openRedis({ url: REDIS_TEST_URL, keyPrefix: prefix }, "test", silent, { failFast: true }),
    ]);
    try {
      const limit = { capacity: 5, refillPerSecond: 1 };
      const a = createSharedRateLimiter(limit, "address", { redis: one, keyPrefix: prefix });
      const b = createSharedRateLimiter(limit, "address", { redis: two, keyPrefix: prefix });
      const elsewhere = createSharedRateLimiter(limit, "address", { redis: other, keyPrefix: uniqueRedisPrefix("limits") });
      const taken: boolean[] = [];
      for (let index = 0; index < 8; index += 1) taken.push(await (index % 2 === 0 ? a : b).take("10.0.0.7"));
      expect(taken).toEqual([true, true, true, true, true, false, false, false]);
      expect(await elsewhere.take("10.0.0.7")).toBe(true);
      expect(await a.take("10.0.0.8")).toBe(true);
      // A batch of MCP messages takes a point each: more than the bucket holds is refused whole.
      expect(await a.take("guest", 6)).toBe(false);
      expect(await b.take("another guest", 4)).toBe(true);
    } finally {
      for (const redis of [one, two, other]) redis.disconnect();
    }
  });

  it("limits each instance on its own while Redis is away, without waiting for it", async () => {
    const target = new URL(REDIS_TEST_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const prefix = uniqueRedisPrefix("limits");
    const redis = await openRedis({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: prefix }, "test", silent, { failFast: true });
    try {
      const limiter = createSharedRateLimiter({ capacity: 3, refillPerSecond: 1 }, "address", { redis, keyPrefix: prefix });
      expect(await limiter.take("a")).toBe(true);
      await proxy.refuse();
      await expect.poll(() => redis.status).not.toBe("ready");
      const started = Date.now();
      const taken = [await limiter.take("b"), await limiter.take("b"), await limiter.take("b"), await limiter.take("b")];
      expect(taken).toEqual([true, true, true, false]);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      redis.disconnect();
      await proxy.close();
    }
  });

  describe("two instances behind one balancer", () => {
    let database: TestDatabase;
    let a: MayaApp;
    let b: MayaApp;
    beforeAll(async () => {
      database = await createTestDatabase();
      const env = { ...redisEnv(uniqueRedisPrefix("limits")), MAYA_RATE_LIMIT_ADDRESS_BURST: "6", MAYA_RATE_LIMIT_ADDRESS_PER_SECOND: "1" };
      [a, b] = await Promise.all([startTestMaya({ kind: "postgres", url: database.url }, env), startTestMaya({ kind: "postgres", url: database.url }, env)]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await database?.drop();
    });

    it("give a client one bucket across instances and transports, and limit each forwarded client on its own", async () => {
      // Behind the balancer (loopback is trusted by default), each client is its X-Forwarded-For.
      const client = { "x-forwarded-for": "203.0.113.10" };
      const statuses = [];
      for (let index = 0; index < 4; index += 1) statuses.push(await menuStatus(index % 2 === 0 ? a.url : b.url, client));
      expect(statuses).toEqual([200, 200, 200, 200]);
      // The same client's socket and MCP session, on the other instances, take from that bucket too.
      expect(await menuStatus(b.url, client)).toBe(200);
      expect(await menuStatus(a.url, client)).toBe(200);
      expect(await menuStatus(b.url, client)).toBe(429);
      expect(await menuStatus(a.url, client)).toBe(429);
      expect(await menuStatus(a.url, { "x-forwarded-for": "203.0.113.11" })).toBe(200);
      // The direct (loopback) caller is another client with its own bucket: sockets opened on the
      // two instances in turn spend it together (six in all, not six each), and then /mcp is refused too.
      const handshakes: number[] = [];
      for (let index = 0; index < 12 && handshakes.at(-1) !== 429; index += 1) handshakes.push(await socketHandshake(index % 2 === 0 ? a.url : b.url));
      expect(handshakes).toEqual([101, 101, 101, 101, 101, 101, 429]);
      await expect(connectHttp(b.url)).rejects.toThrow(/429|Too many/i);
    });
  });
});

describe("the client's address behind proxies (MAYA_TRUSTED_PROXIES)", () => {
  let app: MayaApp;
  beforeAll(async () => {
    // Loopback is not among the trusted proxies here: X-Forwarded-For from it is not believed.
    app = await startTestMaya({ kind: "pglite" }, { MAYA_TRUSTED_PROXIES: "10.9.9.9", MAYA_RATE_LIMIT_ADDRESS_BURST: "3", MAYA_RATE_LIMIT_ADDRESS_PER_SECOND: "1" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("limits the connecting address when the forwarding proxy is not trusted, however X-Forwarded-For varies", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push(await menuStatus(app.url, { "x-forwarded-for": `198.51.100.${index}` }));
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  });
});
