import { formatDate } from "../../lib/format";

/** A referral within 12 months of the last one is a repeat (domain rule); say how long is left. */
export function repeatWindow(windowEnd: string, today: string): string {
  if (windowEnd < today) return `Closed on ${formatDate(windowEnd)}`;
  const days = Math.round((Date.parse(windowEnd) - Date.parse(today)) / 86_400_000);
  return `Open until ${formatDate(windowEnd)} (${days} day${days === 1 ? "" : "s"} left)`;
}
