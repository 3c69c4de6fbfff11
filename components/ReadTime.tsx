import { useEffect, useState } from 'react';
import { readAgo } from './format';

/** "read 2 min ago", kept current while the panel stays open. */
export function ReadTime({ readAt }: { readAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return <time dateTime={readAt} title={new Date(readAt).toLocaleString()}>{readAgo(readAt, now)}</time>;
}
