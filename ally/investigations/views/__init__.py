"""The law-enforcement pages: tips, investigations (with their Part 23 box, subjects, identifiers,
victims and arrests), the Part 23 review queue, operations and heads-ups. The main navigation
(base.html) links them for members of investigating agencies, and heads-ups for the others."""
