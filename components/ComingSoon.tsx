/** The empty state of a tab whose feature is not built yet: says what will be there. */
export function ComingSoon({ text }: { text: string }) {
  return <p className="empty-state">{text}</p>;
}
