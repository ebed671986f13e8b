import { ApiError, asProblem, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";

export interface Versioned {
  referral: Schemas["ReferralRead"];
  etag: string;
}

/** The referral and its ETag, which the triage sends back as If-Match. */
export async function unwrapWithEtag(referralId: string): Promise<Versioned> {
  let etag = "";
  const referral = await unwrap(async () => {
    const result = await client.GET("/api/v1/referrals/{referral_id}", {
      params: { path: { referral_id: referralId } },
    });
    etag = result.response.headers.get("ETag") ?? "";
    return result;
  });
  if (!etag) throw new ApiError(500, asProblem(null));
  return { referral, etag };
}
