"""Client pages, one module per concept. Every read goes through ally.access, so a shared read is logged."""
