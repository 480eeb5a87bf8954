"""The survivors API: client records, consents and shares, disclosures, the care record,
trafficking events and screenings — one router a module, registered in ``ally.api.api``.

Every read goes through ``ally.access`` and every change through the survivors actions, which
check the policy again and write the audit events. So the answers are exactly the web pages':

- A client the reader may not see at all is 404, as if it did not exist.
- Reading a client through a share writes the DisclosureLog, so the client list shows clients
  shared by other organizations by number only; only GET /clients/{id} opens one (and logs it).
- A reader through a share sees only the field groups granted (needs, plans and services in
  ``services``, notes in ``notes``, trafficking events in ``trafficking_details``). Like the page
  of one group, a list or record of an ungranted group is 404.
- Only the owning organization changes anything, and consents, shares, the disclosure report and
  compelled disclosures are its own records. A reader through a share is refused with 403 on the
  client's own operations (as on the page); a record by id answers 404 unless the reader may at
  least read it, so a refused change says nothing about what exists. The check runs before
  anything is read, so such a refusal never writes a disclosure.
- Consent is never a condition of service: the care record never looks at consent.
- Screenings stay in the organization that did them and never travel through a share.
"""
