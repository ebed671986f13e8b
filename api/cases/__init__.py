"""Cases: what triage opens from accepted referrals, with their referral history."""
