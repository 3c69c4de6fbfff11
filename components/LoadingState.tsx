/** Shown while the page is read for the first time. */
export function LoadingState() {
  return (
    <div className="state" role="status">
      <span className="spinner" aria-hidden="true" />
      Reading charts…
    </div>
  );
}
