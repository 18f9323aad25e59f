// A first-in first-out queue with O(1) take: Array.prototype.shift copies the
// rest of the array once it is large, and a relay's inbox or steps can hold
// thousands of entries.
export class Fifo<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest entry, without taking it. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Takes the oldest entry (undefined when empty). */
  take(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) this.clear();
    else if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
