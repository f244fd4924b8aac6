import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseDollarsToCents } from "../src/config.js";

describe("loadConfig", () => {
  it("has working defaults: embedded database, $1000.00, mock payments", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database.databaseUrl).toBeUndefined();
    expect(config.database.dataDir).toBe(".maya/pgdata");
    expect(config.startingBalanceCents).toBe(100_000);
    expect(config.payments.stripeSecretKey).toBeUndefined();
    expect(config.payments.retries).toBe(3);
    expect(config.payments.retryBaseDelayMs).toBe(1000);
    expect(config.locks).toEqual({ idleSeconds: 3600, cleanupSeconds: 300 });
  });

  it("reads the starting balance in dollars or cents, never through floats", () => {
    expect(loadConfig({ MAYA_STARTING_BALANCE: "250.5" }).startingBalanceCents).toBe(25_050);
    expect(loadConfig({ MAYA_STARTING_BALANCE: "$19.99" }).startingBalanceCents).toBe(1999);
    expect(loadConfig({ MAYA_STARTING_BALANCE_CENTS: "1234" }).startingBalanceCents).toBe(1234);
    expect(parseDollarsToCents("0.07", "X")).toBe(7);
  });

  it("listens where it can unless MAYA_STT says otherwise (auto by default, off for none); reads its settings", () => {
    expect(loadConfig({}).speechRecognition).toMatchObject({ recognizer: "auto", preferServer: false, languageCode: "en-US", maxUtteranceSeconds: 15 });
    expect(loadConfig({ MAYA_STT: "off" }).speechRecognition.recognizer).toBeUndefined();
    expect(() => loadConfig({ MAYA_STT: "whisper" })).toThrow(/MAYA_STT must be one of auto, sphinx, google, off/);
    expect(loadConfig({ MAYA_STT: "sphinx" }).speechRecognition).toMatchObject({
      recognizer: "sphinx",
      sphinx: { binary: "pocketsphinx_continuous", modelDir: "/usr/share/pocketsphinx/model/en-us" },
    });
    expect(
      loadConfig({ MAYA_STT: "google", MAYA_STT_API_ENDPOINT: "127.0.0.1:8089", MAYA_STT_PREFER_SERVER: "true", MAYA_STT_MAX_SECONDS: "10" })
        .speechRecognition,
    ).toMatchObject({ recognizer: "google", apiEndpoint: "127.0.0.1:8089", preferServer: true, maxUtteranceSeconds: 10 });
  });

  it("reads the earlier deployment's MODAL_* names as a fallback", () => {
    expect(loadConfig({ MODAL_MEMORY_MB: "2048", MODAL_MAX_CONTAINERS: "4" }).deployment).toEqual({
      memoryMb: 2048,
      maxContainers: 4,
    });
    expect(loadConfig({ MAYA_MEMORY_MB: "1024", MODAL_MEMORY_MB: "2048" }).deployment.memoryMb).toBe(1024);
  });

  it("is same-origin only unless MAYA_CORS_ORIGINS lists origins; lists them as browsers send Origin", () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ MAYA_CORS_ORIGINS: " " }).corsOrigins).toEqual([]);
    expect(
      loadConfig({ MAYA_CORS_ORIGINS: "https://Screen.Example.com/, http://localhost:5173,https://screen.example.com:443,http://a.test:80" }).corsOrigins,
    ).toEqual(["https://screen.example.com", "http://localhost:5173", "http://a.test"]);
  });

  it.each([
    ["PORT", "http"],
    ["PORT", "70000"],
    ["MAYA_STARTING_BALANCE", "12.345"],
    ["MAYA_STARTING_BALANCE", "-5"],
    ["MAYA_PAYMENT_RETRY_BASE_MS", "1.5"],
    ["MAYA_LOCK_IDLE_SECONDS", "0"],
    ["MAYA_STT", "whisper"],
    ["MAYA_STT", "SPHINX"],
    ["MAYA_STT_PREFER_SERVER", "maybe"],
    ["MAYA_STT_API_ENDPOINT", "localhost"],
    ["MAYA_STT_API_ENDPOINT", "localhost:99999"],
    ["MAYA_STT_MAX_SECONDS", "0"],
    ["MAYA_STT_MAX_SECONDS", "61"],
    ["MAYA_STT_MAX_SOCKETS_PER_ADDRESS", "0"],
    ["MAYA_CORS_ORIGINS", "*"],
    ["MAYA_CORS_ORIGINS", "null"],
    ["MAYA_CORS_ORIGINS", "screen.example.com"],
    ["MAYA_CORS_ORIGINS", "https://screen.example.com/overlay"],
    ["MAYA_CORS_ORIGINS", "https://screen.example.com?x=1"],
    ["MAYA_CORS_ORIGINS", "ftp://screen.example.com"],
    ["MAYA_CORS_ORIGINS", "https://user:pw@screen.example.com"],
  ])("refuses %s=%s with a message naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
