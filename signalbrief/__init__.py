"""signalbrief: who said what about what in one news article, and how far each signal can be believed."""
from __future__ import annotations

__all__ = ["Case", "load_case"]


def __getattr__(name: str) -> object:
    """`Case` and `load_case`, imported on first use: importing them imports pandas (0.25 s), which
    `python -m signalbrief render` must not pay before it has started the kernel."""
    if name == "Case":
        from signalbrief.case import Case

        return Case
    if name == "load_case":
        from signalbrief.validate import load_case

        return load_case
    raise AttributeError(f"module 'signalbrief' has no attribute {name!r}")
