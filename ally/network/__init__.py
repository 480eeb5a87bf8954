"""The provider network: provider profiles, vetting by navigators, sub-awards and reimbursement."""
