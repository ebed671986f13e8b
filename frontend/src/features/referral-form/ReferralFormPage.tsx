import { PageHeading } from "../../components/page";

/**
 * The referral form for practitioners without a case-management system. It is built from the
 * panel's risk instrument (GET /api/v1/panels/{id}/instrument), which another part of the work
 * adds to the contract; until that route is in openapi/openapi.json this page says so.
 * When it lands: regenerate src/api/schema.d.ts, load the instrument for the chosen panel, render
 * its questions with components/fields.tsx, POST /api/v1/referrals with an Idempotency-Key, and
 * show the API's field errors next to their fields (lib/fieldErrors.ts maps JSON Pointers to ids).
 */
export function ReferralFormPage() {
  return (
    <>
      <PageHeading>New referral</PageHeading>
      <div className="govuk-inset-text">
        The online referral form is not available yet. Referrals can be sent from your agency's
        case-management system through the API in the meantime.
      </div>
    </>
  );
}
