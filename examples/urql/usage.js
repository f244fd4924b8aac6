import { createMayaClient, ORDER, SAY, START_SESSION, TAB_CHANGED, TIP } from "./maya.js";

/** Starts a guest at the Maya at `mayaUrl`, follows the tab, orders, tips; `show` gets every tab event. */
export async function visitTheBar(mayaUrl, show) {
  let token = null;
  const maya = createMayaClient(mayaUrl, () => token);

  const started = await maya.mutation(START_SESSION, { name: "Ann" }).toPromise();
  if (started.error) throw started.error;
  token = started.data.startSession.token;

  const following = maya.subscription(TAB_CHANGED, {}).subscribe((result) => {
    if (result.data) show(result.data.tabChanged);
  });

  await maya.mutation(ORDER, { drink: "martini", quantity: 2 }).toPromise();
  await maya.mutation(TIP, { percent: 20 }).toPromise();
  const said = await maya.mutation(SAY, { text: "and an IPA please" }).toPromise();
  return { token, reply: said.data?.say.text, stop: () => following.unsubscribe() };
}
