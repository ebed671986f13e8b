"""Referral intake: submission, the rules' verdict, listing and triage."""
