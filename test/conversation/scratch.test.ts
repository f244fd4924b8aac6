import { it } from "vitest";
import { ConversationService } from "../../src/conversation/conversation.service.js";
import { FakeBar, MemoryStore, tabLines } from "./fake-bar.js";
it("chat", async () => {
  const bar = new FakeBar(); const svc = new ConversationService(bar, new MemoryStore());
  const lines = process.env.SAY?.split(";") ?? [];
  for (const say of lines) {
    const r = await svc.say("s1", say);
    console.log(`> ${say}\n  [${r.intent}] ${r.text}\n  speech: ${r.speech}\n  tab: ${tabLines(r.session).join("; ")} | bal ${r.session.balanceCents}`);
    if (say === "pay" && process.env.FINISH) bar.finishPayment("s1", true);
  }
});
