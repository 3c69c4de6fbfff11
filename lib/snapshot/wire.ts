// A reader's result crosses from the page to the background as one JSON string. Chrome converts an
// executeScript result object value by value; for a 100,000-point board that took ~8 s of a ~10 s
// read, while one string of the same data crosses in milliseconds. The background parses it and then
// validates it like any page-controlled value (a page may even have replaced JSON.stringify).

export function toWire(value: unknown): string {
  return JSON.stringify(value);
}

/** The reader's result: parsed when it came as a string, as-is otherwise; null when unreadable. */
export function fromWire(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}
