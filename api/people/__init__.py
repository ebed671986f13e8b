"""People named on referrals, and matching them across referrals of a panel."""
