from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ally.demo.governance import GovernanceContext


def build(context: GovernanceContext) -> None:
    """Build this part's two years of demo records through the actions."""
