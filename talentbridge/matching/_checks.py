"""Checks made at the door of every public function of the core.

The core trusts its data once it is inside; these helpers make sure it deserves the trust,
and say precisely what is wrong when it does not (after ``scipy.optimize._lsap``).
"""

from __future__ import annotations

import numpy as np


def as_int_array(
    name: str, value, *, ndim: int = 1, length: int | None = None, dtype=np.int32
) -> np.ndarray:
    """``value`` as a contiguous integer array of ``ndim`` dimensions, or a ``ValueError``."""
    array = np.asarray(value)
    if array.size == 0:
        array = array.astype(dtype)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.dtype.kind == "b" or array.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers, got dtype {array.dtype}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name} must have {length} rows, got {array.shape[0]}")
    return np.ascontiguousarray(array, dtype=dtype)


def as_float_array(
    name: str,
    value,
    *,
    ndim: int = 1,
    length: int | None = None,
    dtype=np.float64,
    allow_nan: bool = False,
) -> np.ndarray:
    """``value`` as a contiguous float array, refusing NaN unless ``allow_nan``."""
    array = np.asarray(value)
    if array.size == 0:
        array = array.astype(dtype)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.dtype.kind not in "iuf" or array.dtype.kind == "b":
        raise ValueError(f"{name} must hold numbers, got dtype {array.dtype}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name} must have {length} rows, got {array.shape[0]}")
    array = np.ascontiguousarray(array, dtype=dtype)
    if not allow_nan and np.isnan(array).any():
        raise ValueError(f"{name} contains NaN")
    return array


def as_bool_array(name: str, value, *, ndim: int = 1, length: int | None = None) -> np.ndarray:
    array = np.asarray(value)
    if array.size == 0:
        array = array.astype(bool)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.dtype.kind != "b":
        raise ValueError(f"{name} must hold booleans, got dtype {array.dtype}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name} must have {length} rows, got {array.shape[0]}")
    return np.ascontiguousarray(array)


def check_range(
    name: str, array: np.ndarray, low: int | float | None, high: int | float | None
) -> None:
    """Every element of ``array`` in ``[low, high)`` (``None`` leaves a side open)."""
    if array.size == 0:
        return
    if low is not None and array.min() < low:
        raise ValueError(f"{name} has a value {array.min()} below {low}")
    if high is not None and array.max() >= high:
        raise ValueError(f"{name} has a value {array.max()} not below {high}")


def check_csr(
    name: str, indptr: np.ndarray, indices: np.ndarray, rows: int, columns: int | None
) -> None:
    """A compressed sparse row structure: ``rows + 1`` non-decreasing offsets into ``indices``."""
    if indptr.shape[0] != rows + 1:
        raise ValueError(
            f"{name}_indptr must have {rows + 1} entries (rows + 1), got {indptr.shape[0]}"
        )
    if indptr[0] != 0 or indptr[-1] != indices.shape[0]:
        raise ValueError(
            f"{name}_indptr must start at 0 and end at len({name}_ids)={indices.shape[0]}"
        )
    if rows and np.any(np.diff(indptr) < 0):
        raise ValueError(f"{name}_indptr must be non-decreasing")
    check_range(f"{name}_ids", indices, 0, columns)
