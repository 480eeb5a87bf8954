"""The victim-service compartment's models, one module per concept."""

from ally.survivors.models.clients import Client, Consent, Share, SignatureMethod

__all__ = ["Client", "Consent", "Share", "SignatureMethod"]
