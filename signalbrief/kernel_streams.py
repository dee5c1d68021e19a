"""The kernel's stdout and stderr for a render: ipykernel's streams, less the waits for empty flushes.

IPython flushes stdout and stderr before every display and at the end of every cell.
ipykernel's `OutStream.flush` hands the flush to its IOPub thread and waits for it,
even when nothing was written since the last flush: about 40 such round trips per
dossier, none of which sends anything, since only `write` fills the stream's buffer.
`QuietOutStream` remembers whether anything was written and returns at once when not.
ipykernel takes it through its documented `IPKernelApp.outstream_class` setting
(see `signalbrief.render.KernelSession`); only the public `write` and `flush` are overridden.

A write from another thread racing a flush is sent by the next flush or by the stream's
own timed flush, as it would be had it come just after the flush.
"""
from __future__ import annotations

from ipykernel.iostream import OutStream


class QuietOutStream(OutStream):
    """An ipykernel OutStream whose `flush` does nothing when nothing was written since the last one."""

    written_since_flush = False

    def write(self, string: str) -> int | None:
        """Write as ipykernel does, then remember there is something to flush."""
        count = super().write(string)
        self.written_since_flush = True
        return count

    def flush(self) -> None:
        """Flush as ipykernel does, unless nothing was written since the last flush."""
        if self.written_since_flush:
            self.written_since_flush = False
            super().flush()
