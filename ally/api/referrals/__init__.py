"""The referrals API: sending, the lists, one referral, the answers each side gives, the thread,
the navigator's ranking of providers and the timeliness aggregates — ``referrals.router``,
registered in ``ally.api.api``.

The answers are the referral pages': reads go through ``ally.access.referrals`` and changes through
``ally.referrals.actions``, which check the side again and write the audit events.

- A referral the reader may not see is 404, as if it did not exist; one they see from another side
  than the change needs is 403 (the recipient answers, the sender withdraws, the navigator assigns).
- A change the referral's status no longer allows (acknowledged twice, accepted after a withdrawal)
  is 409; bad input is 400 and nothing changes.
- A referral about a client carries no client data: only the client's number and whether the share
  made for the recipient is open. The recipient reads the record through GET /clients/{id}, which
  logs the disclosure.
"""
