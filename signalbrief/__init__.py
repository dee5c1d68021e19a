"""signalbrief: who said what about what in one news article, and how far each signal can be believed."""
from signalbrief.case import Case
from signalbrief.validate import load_case

__all__ = ["Case", "load_case"]
