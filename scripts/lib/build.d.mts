export const ROOT: string;
export function outDir(mode?: string, browser?: 'chrome' | 'firefox'): string;
export function isStale(mode?: string): boolean;
export function ensureBuild(mode?: string, opts?: { force?: boolean; quiet?: boolean }): string;
