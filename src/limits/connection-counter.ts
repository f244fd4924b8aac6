/** Open connections per client address, capped: the graphql-ws socket and the listening socket each keep one. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerAddress: number) {}

  isFull(address: string): boolean {
    return (this.open.get(address) ?? 0) >= this.maxPerAddress;
  }

  /** Counts one more connection from `address`; the returned function counts it closed, once however often it is called. */
  add(address: string): () => void {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    };
  }
}
