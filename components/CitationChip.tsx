import type { ChatEvidence } from '@/lib/db/chats';

/** A citation in an answer ([E3]) as a button that shows its evidence on the page. An id that names
 *  no evidence the answer was given stays text, and says so: a made-up citation must not look real. */
export function CitationChip({ id, item, onShow }: { id: string; item?: ChatEvidence; onShow?: (item: ChatEvidence) => void }) {
  // A note or past feedback ([N2]) is nothing on the page: it names what the person told Loupe.
  if (item && item.id.startsWith('N')) {
    return <span className="cite-id note-cite" title={item.claim}>[{id}]<span className="visually-hidden"> ({item.claim})</span></span>;
  }
  if (!item || !onShow) {
    return (
      <span className="cite-id unknown" title={item ? item.claim : `No evidence ${id} exists for this dashboard.`}>
        [{id}]{!item && <span className="visually-hidden"> (no such evidence)</span>}
      </span>
    );
  }
  return (
    <button type="button" className="evidence-chip citation-chip" onClick={() => onShow(item)}
      aria-label={`Show evidence ${id} on the page`} title={item.claim}>
      {id}
    </button>
  );
}
