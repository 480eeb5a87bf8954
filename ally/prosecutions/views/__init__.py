"""Pages of prosecutions: referrals for prosecution, cases, the statute catalogue, and a client's
legal status for their own provider."""
