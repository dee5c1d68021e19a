"""Products and weighted sums whose result does not depend on the CPU.

numpy hands `a @ b` to OpenBLAS, which picks a kernel by CPU (and by `OPENBLAS_CORETYPE`);
kernels add the terms of a dot product in different orders, so the same product can differ
in its last bit between machines, and a page that prints it differs too. Elementwise
multiplication and addition are correctly rounded IEEE operations, so summing the terms
one inner index at a time, always in the same order, gives the same bits everywhere.
Every sum or product whose result reaches a page goes through here, never through `@`.

A mean is another such sum: pandas adds a group's values in row order, and row order may
follow the ids, so renaming ids could move a mean by its last bit and a printed "0.855" from
"0.85" to "0.86". `mean` sums exactly (math.fsum), in any order to the same bits.
"""
from __future__ import annotations

import math

import numpy as np


def mean(values) -> float:
    """The mean of `values` from their exactly rounded sum (math.fsum), so that it does not depend
    on their order; NaN for no values."""
    values = [float(value) for value in values]
    return math.fsum(values) / len(values) if values else float("nan")


def product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """`left @ right` for 1-D or 2-D arrays, summed over the inner index in order 0, 1, ...

    Same shapes and meaning as numpy's matmul (a 1-D operand is a row on the left, a column
    on the right); the result is float64.
    """
    left = np.asarray(left, dtype=float)
    right = np.asarray(right, dtype=float)
    left_2d = left[np.newaxis, :] if left.ndim == 1 else left
    right_2d = right[:, np.newaxis] if right.ndim == 1 else right
    if left_2d.shape[1] != right_2d.shape[0]:
        raise ValueError(f"cannot multiply shapes {left.shape} and {right.shape}")
    result = np.zeros((left_2d.shape[0], right_2d.shape[1]))
    for inner in range(left_2d.shape[1]):
        result += np.multiply.outer(left_2d[:, inner], right_2d[inner, :])
    if left.ndim == 1:
        result = result[0]
    if right.ndim == 1:
        result = result[..., 0]
    return result
