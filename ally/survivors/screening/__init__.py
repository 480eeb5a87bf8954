"""Screening instruments (versioned data) and the engine that scores answers against them."""

from ally.survivors.screening.instrument import (
    Instrument,
    InstrumentError,
    available_instruments,
    load_instrument,
)
from ally.survivors.screening.scoring import InvalidAnswer, ScreeningResult, score

__all__ = [
    "Instrument",
    "InstrumentError",
    "InvalidAnswer",
    "ScreeningResult",
    "available_instruments",
    "load_instrument",
    "score",
]
