"""Schemas of the survivors operations, one module per router of ``ally.api.survivors``.

Input schemas check the shape only (types, text lengths the database needs; 422). The values
themselves — vocabulary terms, field groups, purposes, dates in the past — are checked by the
actions, which answer with a 400 and a message a person can act on; where the values are a fixed
list, the OpenAPI document lists them.
"""
