"""The law-enforcement API: tips, investigations (28 CFR Part 23 records), their subjects,
identifiers, victims and arrests, planned operations and heads-ups, and the deconfliction hits and
conflicts — one router a module, registered in ``ally.api.api``.

Reads go through ``ally.access.investigations`` / ``ally.access.deconfliction``, changes through
``ally.investigations.actions``. An investigation the reader does not work is 404, as if it did not
exist; a hit or conflict shows the reader's own side and only the other side's contact; a heads-up
never carries the operation's date, place or name.
"""
