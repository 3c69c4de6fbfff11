import type { Context, Tool } from '../schema';

// Placeholder until the context reader is written.
export function readPageContext(_doc: Document, _win: Window): { tool: Tool; context: Context } {
  return { tool: 'generic', context: {} };
}
