export function findChromium(): string | null;
export function ensureChromium(opts?: { log?: (message: string) => void }): string;
