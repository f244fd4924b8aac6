/** The conversation log: guest, Maya, and the page's own notes. */
import { linkParts, safeCheckoutHref } from "./messages.js";

export type Speaker = "guest" | "maya" | "system";

const SPEAKER_NAMES: Readonly<Record<Speaker, string>> = { guest: "You", maya: "Maya", system: "Note" };

export class Transcript {
  constructor(private readonly list: HTMLOListElement) {}

  add(speaker: Speaker, text: string, extra?: Node): HTMLLIElement {
    const item = document.createElement("li");
    item.className = `message ${speaker}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `${SPEAKER_NAMES[speaker]}: `;
    const body = document.createElement("span");
    body.className = "text";
    if (speaker === "maya") {
      // Maya's words may carry a web address (a checkout link from the history): make it a link.
      for (const part of linkParts(text)) {
        const href = part.href === undefined ? null : safeCheckoutHref(part.href, location.href);
        if (href === null) {
          body.append(part.text);
          continue;
        }
        const link = document.createElement("a");
        link.href = href;
        link.textContent = part.text;
        body.append(link);
      }
    } else {
      body.textContent = text;
    }
    item.append(who, body);
    if (extra) item.append(extra);
    this.list.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  /** The words of the newest line by `speaker`, or null. */
  lastText(speaker: Speaker): string | null {
    const items = this.list.querySelectorAll<HTMLLIElement>(`.message.${speaker} .text`);
    return items.length === 0 ? null : (items[items.length - 1]?.textContent ?? null);
  }

  clear(): void {
    this.list.replaceChildren();
  }
}
