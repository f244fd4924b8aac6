/**
 * Suites that need something from the machine (a browser, the speech tools): they run when it is
 * there, and otherwise skip with a message saying why, unless the suite's MAYA_REQUIRE_* variable
 * (set by CI) makes its absence a failure.
 */
import { describe } from "vitest";

export interface Requirement {
  /** "browser", "speech": how the skip message names the suites. */
  kind: string;
  /** The variable that makes it mandatory, e.g. MAYA_REQUIRE_BROWSER. */
  requiredBy: string;
}

/** Null when it is present; the reason otherwise. Throws when the requirement is mandatory. */
export function skipReason(requirement: Requirement, missing: string | null): string | null {
  if (missing === null) return null;
  if (process.env[requirement.requiredBy] === "1") throw new Error(`${requirement.requiredBy}=1 but ${missing}`);
  return missing;
}

/** `describe` when the requirement is met, else a skipped suite that says why. */
export function describeWhen(requirement: Requirement, reason: string | null, name: string, body: () => void): void {
  if (reason === null) {
    describe(name, body);
    return;
  }
  console.warn(`[${requirement.kind} tests skipped] ${name}: ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}
