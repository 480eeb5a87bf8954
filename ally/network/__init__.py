"""The provider network: provider profiles, vetting by navigators, sub-awards and reimbursement.

What provider matching (``ally.referrals``) reads — every name here is public and kept stable:

``ally.network.queries.providers(user, day) -> QuerySet[Organization]``
    Every service-providing organization the user may see (``ally.access.network.visible_providers``:
    victim-service and community organizations, health and child-welfare agencies), in a fixed
    number of queries, each annotated with

    - ``provider_profile`` (select_related; read it with ``queries.profile_of(org)``, None until
      the profile is filled in) and ``regions_served`` (prefetched),
    - ``vetting_valid`` (bool), ``vetting_outcome``, ``vetting_visited_on``, ``vetting_revisit_on``
      (the latest visit on or before ``day``; see ``with_vetting``),
    - ``sub_awarded`` (bool: a sub-award in force on ``day``).
``ally.network.queries.with_vetting(organizations, day)``
    The vetting annotations above on any Organization queryset.
``ally.network.queries.valid_vetting(provider, day) -> VettingVisit | None``
    The visit that makes the provider vetted on ``day``: its latest visit by then is approved or
    approved with conditions, and its revisit date has not passed (the revisit day itself counts).
``ally.network.queries.filter_providers(rows, DirectoryFilters(...))``
    The directory's filters (service, population, language, region, county, crisis_line,
    has_capacity, vetted) applied to rows from ``providers``.
``ally.network.queries.populations_of(minor=, gender=, citizenship_status=, trafficking_type=)``
    The ``population`` vocabulary values describing a person (from prs_Gender, citizenship_status
    and trafficking_type values); LGBTQ+ is never inferred.

``ally.network.models.ProviderProfile`` (``organization.provider_profile``):

- ``services`` (service_category values), ``populations`` (population values), ``languages``
  (names as written on a client, e.g. "Spanish"), ``counties`` (served besides the regions);
- ``zip_code`` → ``latitude``, ``longitude``, ``county``, ``state`` from offline ZIP data
  (``coordinates`` is ``(lat, long)`` or None);
- ``hours``, ``crisis_line`` (24/7), ``crisis_phone``, ``eligibility_notes``;
- ``intake_capacity`` (int ≥ 0, None: not stated), ``capacity_updated_at``, ``capacity_updated_by``;
  ``has_capacity`` is ``intake_capacity > 0``;
- ``offers(category)``, ``serves(populations)`` (lists them all), ``speaks(language)``
  (case-insensitive), ``covered_counties()`` and ``covers_county(county)`` (profile counties plus
  the counties of the regions served; "Dane County" matches "Dane").

``ally.network.places``: ``zip_place(zip) -> Place`` (InvalidInput for an unknown ZIP code; never
the network), ``distance_miles((lat, long), (lat, long))``, ``county_key(name)``.

State changes are in ``ally.network.actions``; who may do what in ``ally.access.network``.
"""
