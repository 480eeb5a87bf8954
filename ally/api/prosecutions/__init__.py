"""The prosecutions API: referrals of investigations to prosecutors' offices (and the answers),
prosecution cases with their defendants, charges, dispositions, court events and victims, and the
statute catalogue — one router a module, registered in ``ally.api.api``.

Reads go through ``ally.access.prosecutions``, changes through ``ally.prosecutions.actions`` and
``ally.prosecutions.statutes``. A case is read by its office and by the agencies that work the
investigation it came from; only the office changes it (403 for the agencies).
"""
