/** The conversation log: guest, Maya, and the page's own notes. */

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
    body.textContent = text;
    item.append(who, body);
    if (extra) item.append(extra);
    this.list.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  clear(): void {
    this.list.replaceChildren();
  }
}
