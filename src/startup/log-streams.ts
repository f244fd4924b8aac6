/**
 * Logs never take the server down. stdout and stderr are written through a
 * guard that handles their failures at the stream: a reader that went away
 * (EPIPE), a descriptor that is gone (EBADF) or any other write error marks
 * the stream broken, silently; from then on its lines are dropped and counted
 * (maya_log_lines_dropped_total), never written again, never reported on the
 * same stream (which is what looped forever) and never thrown. A reader that
 * stops reading (a full pipe) is not waited for either: while more than
 * `maxPendingBytes` wait in the stream's buffer, new lines are dropped and
 * counted instead of piling up in memory.
 */
import type { Writable } from "node:stream";

export type LogStreamName = "stdout" | "stderr";
/** closed: the stream failed (EPIPE, EBADF...) and is not written any more. full: its reader is too far behind. */
export type LogDropReason = "closed" | "full";
export const LOG_STREAMS: readonly LogStreamName[] = ["stdout", "stderr"];
export const LOG_DROP_REASONS: readonly LogDropReason[] = ["closed", "full"];

/** Lines dropped so far, read at scrape time. */
export interface LogDropStats {
  dropped(stream: LogStreamName, reason: LogDropReason): number;
}

/** A pipe's reader a megabyte behind is not coming back soon: drop rather than buffer without end. */
const MAX_PENDING_BYTES = 1024 * 1024;

export class GuardedLogStream {
  private failure: string | null = null;
  private readonly drops: Record<LogDropReason, number> = { closed: 0, full: 0 };

  constructor(
    private readonly stream: Writable,
    private readonly maxPendingBytes = MAX_PENDING_BYTES,
  ) {
    // Without a listener, a failed write is an uncaught exception; with one, it is only this.
    stream.on("error", (error: NodeJS.ErrnoException) => this.broke(error));
  }

  /** Why the stream is not written any more (EPIPE...), or null while it works. */
  get broken(): string | null {
    return this.failure;
  }

  dropped(reason: LogDropReason): number {
    return this.drops[reason];
  }

  /** Writes `text`, or drops and counts it; never throws, never waits. */
  write(text: string): boolean {
    if (this.failure === null && (this.stream.destroyed || !this.stream.writable)) this.failure = "closed";
    if (this.failure !== null) {
      this.drops.closed += 1;
      return false;
    }
    if (this.stream.writableLength >= this.maxPendingBytes) {
      this.drops.full += 1;
      return false;
    }
    try {
      // A write that fails later (EPIPE on a pipe) reports here, and on the stream's "error".
      this.stream.write(text, (error) => {
        if (!error) return;
        this.broke(error);
        this.drops.closed += 1;
      });
      return true;
    } catch (error) {
      // Some streams throw at once (a descriptor that is gone).
      this.broke(error);
      this.drops.closed += 1;
      return false;
    }
  }

  private broke(error: unknown): void {
    if (this.failure !== null) return;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    this.failure = typeof code === "string" ? code : "error";
  }
}

export interface GuardedStdio extends LogDropStats {
  readonly stdout: GuardedLogStream;
  readonly stderr: GuardedLogStream;
}

/** Guards the process's stdout and stderr; call it before anything writes to them. */
export function guardStdio(target: { stdout: Writable; stderr: Writable } = process): GuardedStdio {
  const streams = { stdout: new GuardedLogStream(target.stdout), stderr: new GuardedLogStream(target.stderr) };
  return { ...streams, dropped: (stream, reason) => streams[stream].dropped(reason) };
}
