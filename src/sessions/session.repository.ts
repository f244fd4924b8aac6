/** Sessions, their transcript and dialogue state. */
import type { PrismaClient } from "../generated/prisma/client.js";

export interface SessionRecord {
  id: string;
  customerName: string | null;
  balanceCents: number;
  createdAt: Date;
}

export interface MessageRecord {
  id: string;
  speaker: "CUSTOMER" | "MAYA";
  text: string;
  createdAt: Date;
}

export interface SessionRepository {
  /** Creates the session and its first, empty tab in one transaction. */
  create(input: { tokenHash: string; customerName: string | null; startingBalanceCents: number }): Promise<SessionRecord>;
  findByTokenHash(tokenHash: string): Promise<(SessionRecord & { lastSeenAt: Date }) | null>;
  touch(id: string, at: Date): Promise<void>;
  /** The last `count` messages, oldest first. */
  transcript(sessionId: string, count: number): Promise<MessageRecord[]>;
  count(): Promise<number>;
}

export const SESSION_SELECT = { id: true, customerName: true, balanceCents: true, createdAt: true } as const;

export class PrismaSessionRepository implements SessionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(input: { tokenHash: string; customerName: string | null; startingBalanceCents: number }) {
    return this.prisma.session.create({
      data: {
        tokenHash: input.tokenHash,
        customerName: input.customerName,
        startingBalanceCents: input.startingBalanceCents,
        balanceCents: input.startingBalanceCents,
        tabs: { create: {} },
      },
      select: SESSION_SELECT,
    });
  }

  findByTokenHash(tokenHash: string) {
    return this.prisma.session.findUnique({ where: { tokenHash }, select: { ...SESSION_SELECT, lastSeenAt: true } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.session.update({ where: { id }, data: { lastSeenAt: at }, select: { id: true } });
  }

  async transcript(sessionId: string, count: number): Promise<MessageRecord[]> {
    const rows = await this.prisma.message.findMany({
      where: { sessionId },
      orderBy: { id: "desc" },
      take: count,
    });
    return rows.reverse().map((row) => ({ id: row.id.toString(), speaker: row.speaker, text: row.text, createdAt: row.createdAt }));
  }

  count(): Promise<number> {
    return this.prisma.session.count();
  }
}
