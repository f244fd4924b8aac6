/**
 * Stripe's form encoding: `line_items[0][price_data][unit_amount]=900`,
 * `expand[]=x` or `expand[0]=x`. Objects whose keys are 0..n-1 become arrays,
 * as on Stripe's side.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export class FormKeyError extends Error {}

function splitKey(rawKey: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
  if (match === null) throw new FormKeyError(`Invalid parameter name: ${rawKey}`);
  const head = match[1] as string;
  const rest = match[2] ?? "";
  const segments = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "");
  return [head, ...segments];
}

export function parseForm(encoded: string): FormObject {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const path = splitKey(rawKey);
    let node: Record<string, unknown> = root;
    for (const [i, segment] of path.entries()) {
      const isLast = i === path.length - 1;
      const key = segment === "" ? String(Object.keys(node).length) : segment;
      if (isLast) {
        node[key] = value;
        break;
      }
      const next = node[key];
      if (typeof next === "string") throw new FormKeyError(`Parameter ${path.slice(0, i + 1).join(".")} is both a value and an object`);
      if (next === undefined) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
  }
  return toArrays(root) as FormObject;
}

function toArrays(value: unknown): FormValue {
  if (typeof value === "string") return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const converted = Object.fromEntries(keys.map((k) => [k, toArrays(obj[k])]));
  // Integer-like keys enumerate in ascending numeric order, so this spots 0..n-1.
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) {
    return keys.map((k) => converted[k] as FormValue);
  }
  return converted as FormObject;
}

/** Stable JSON of parsed parameters, for comparing a replayed request with the first. */
export function canonicalParams(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalParams).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalParams(value[k] as FormValue)}`).join(",")}}`;
}
