"""signalbrief.exact: products summed in a fixed order, checked against math.fsum by hand."""
import math

import numpy as np
import pandas as pd
import pytest

from signalbrief import exact
from signalbrief.exact import product


def sequential_sum(terms):
    total = 0.0
    for term in terms:
        total += term
    return total


def test_matrix_times_vector_is_the_ordered_sum_of_its_terms():
    left = np.array([[0.1, 0.2, 0.3], [1e16, 1.0, -1e16]])
    right = np.array([0.7, 0.11, 0.13])
    result = product(left, right)
    assert result.shape == (2,)
    # Row 0 by hand: 0.07 + 0.022 + 0.039 in that order.
    assert result[0] == sequential_sum([0.1 * 0.7, 0.2 * 0.11, 0.3 * 0.13])
    assert math.isclose(result[0], math.fsum([0.1 * 0.7, 0.2 * 0.11, 0.3 * 0.13]), rel_tol=1e-15)
    # Row 1 shows the order is fixed: (7e15 + 0.11) - 1.3e15 loses the 0.11 at this magnitude.
    assert result[1] == sequential_sum([1e16 * 0.7, 1.0 * 0.11, -1e16 * 0.13])


def test_matrix_times_matrix_and_vector_times_matrix():
    left = np.array([[1.0, 2.0], [3.0, 4.0]])
    right = np.array([[5.0, 6.0], [7.0, 8.0]])
    assert product(left, right).tolist() == [[19.0, 22.0], [43.0, 50.0]]
    assert product(np.array([1.0, 2.0]), right).tolist() == [19.0, 22.0]
    assert product(np.array([1.0, 2.0]), np.array([3.0, 4.0])) == 11.0


def test_shapes_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="cannot multiply"):
        product(np.ones((2, 3)), np.ones(2))


def test_a_mean_does_not_depend_on_the_order_of_its_values():
    # Added left to right, 0.1 + 0.2 + 0.3 is 0.6000000000000001 and 0.3 + 0.2 + 0.1 is 0.6: a plain
    # mean of one group's credibilities would move with the row order, which may follow the ids.
    assert (0.1 + 0.2 + 0.3) / 3 != (0.3 + 0.2 + 0.1) / 3
    assert exact.mean([0.1, 0.2, 0.3]) == exact.mean([0.3, 0.2, 0.1]) == 0.6 / 3
    assert exact.mean(pd.Series([1.0, 2.0])) == 1.5
    assert math.isnan(exact.mean([]))
