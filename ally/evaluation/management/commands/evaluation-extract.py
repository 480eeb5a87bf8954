"""`ally evaluation-extract …`: the command's spelling in the issue (see evaluation_extract.py)."""

from ally.evaluation.management.commands.evaluation_extract import Command

__all__ = ["Command"]
