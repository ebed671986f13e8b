// Dates as people in the UK read them; ISO strings from the API, never shown raw.
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "Not known";
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "Not known";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** A short reference for an id: ids are UUIDv7, whose first characters are a timestamp shared
 * by records made around the same time, so the random end tells them apart. */
export function shortRef(id: string): string {
  return id.replace(/-/g, "").slice(-8).toUpperCase();
}

// Words that are initialisms in the MARAC world, shown as such.
const INITIALISMS: Record<string, string> = { idva: "IDVA", dash: "DASH", mash: "MASH", mappa: "MAPPA" };

export function humanise(value: string): string {
  const text = value
    .replace(/_/g, " ")
    .replace(/\b[a-z]+\b/g, (word) => INITIALISMS[word] ?? word);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
