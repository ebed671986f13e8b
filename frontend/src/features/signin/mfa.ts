/** A typed code as the API takes it: spaces (people copy codes in groups) removed. */
export function normaliseCode(typed: string): string {
  return typed.replace(/\s+/g, "");
}

/** A base32 setup key in groups of four, as authenticator apps print them. */
export function groupKey(secret: string): string {
  return secret.replace(/\s+/g, "").match(/.{1,4}/g)?.join(" ") ?? "";
}
