/**
 * The overlay's elements, built in one place for Maya's page (with the tip buttons) and for
 * <maya-tab-overlay> (read-only, without them). OverlayController finds its parts by these
 * data attributes.
 */
import { TIP_CHOICES, type FigureKey } from "./overlay-model.js";

type Attributes = Readonly<Record<string, string>>;

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const made = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

const LABELS: Readonly<Record<FigureKey, string>> = { tab: "Tab", balance: "Balance", tip: "Tip", total: "Total" };

function figure(doc: Document, key: FigureKey, extra: Attributes = {}): HTMLParagraphElement {
  return element(
    doc,
    "p",
    { class: key === "balance" ? "figure balance" : "figure", "data-figure": key, ...extra },
    element(doc, "span", { class: "label" }, LABELS[key]),
    " ",
    element(doc, "span", { class: "value" }, "$0.00"),
  );
}

/** Fills `root` (the overlay's container, class "overlay") with its rows; tip buttons only where the guest may tip. */
export function fillOverlay(root: HTMLElement, options: { tipButtons: boolean }): void {
  const doc = root.ownerDocument;
  const rows: HTMLElement[] = [element(doc, "div", { class: "row" }, figure(doc, "tab"), figure(doc, "balance", { "data-tone": "normal" }))];
  if (options.tipButtons) {
    const buttons = TIP_CHOICES.map((percent) =>
      element(doc, "button", { type: "button", class: "tip", "data-percent": String(percent), "aria-pressed": "false" }, `${percent}%`),
    );
    rows.push(element(doc, "div", { class: "row tips", "data-row": "tips", role: "group", "aria-label": "Tip", hidden: "" }, ...buttons));
  }
  rows.push(element(doc, "div", { class: "row", "data-row": "tip", hidden: "" }, figure(doc, "tip"), figure(doc, "total")));
  rows.push(element(doc, "p", { class: "sr-only", "data-live": "", "aria-live": "polite", "aria-atomic": "true" }));
  root.replaceChildren(...rows);
}
