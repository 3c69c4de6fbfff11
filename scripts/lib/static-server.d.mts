export interface StaticServer { url: string; port: number; close(): Promise<void> }
export function safeJoin(root: string, urlPath: string): string | null;
export function startStaticServer(opts: { mounts: Record<string, string>; port?: number; host?: string }): Promise<StaticServer>;
