/** A Storage in memory for tests, with an optional quota in characters (as browsers count). */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  quota = Infinity;

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    const used = [...this.items].reduce((sum, [name, text]) => sum + (name === key ? 0 : name.length + text.length), 0);
    if (used + key.length + value.length > this.quota) {
      const error = new Error('The quota has been exceeded.');
      error.name = 'QuotaExceededError';
      throw error;
    }
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }

  [name: string]: unknown;
}
