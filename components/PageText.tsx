/** Text taken from the page, shown as a quotation so it never reads as Loupe's own words. */
export function PageText({ text, className }: { text: string; className?: string }) {
  return <q className={className ? `page-text ${className}` : 'page-text'}>{text}</q>;
}
