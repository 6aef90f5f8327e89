"""Great-circle distances between municipality centroids and opening sites."""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (broadcasts).

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : array_like of float
        Latitudes and longitudes in degrees; broadcast against each other.

    Returns
    -------
    numpy.ndarray
        float64 distances in km (a 0-d array for scalars).

    Examples
    --------
    >>> round(float(haversine_km(55.6761, 12.5683, 56.1629, 10.2039)), 0)  # Copenhagen-Aarhus
    157.0
    """
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def distance_table(lat_a, lon_a, lat_b, lon_b) -> np.ndarray:
    """All distances (len(a) x len(b)) in km, as float32.

    Parameters
    ----------
    lat_a, lon_a : array_like of float, shape (a,)
        The first set of points, in degrees.
    lat_b, lon_b : array_like of float, shape (b,)
        The second set of points, in degrees.

    Returns
    -------
    numpy.ndarray
        (a, b) float32 distances in km.

    Examples
    --------
    >>> distance_table([55.68, 56.16], [12.57, 10.20], [55.68], [12.57]).round(0).tolist()
    [[0.0], [157.0]]
    """
    lat_a, lon_a = np.asarray(lat_a, np.float64), np.asarray(lon_a, np.float64)
    lat_b, lon_b = np.asarray(lat_b, np.float64), np.asarray(lon_b, np.float64)
    return haversine_km(lat_a[:, None], lon_a[:, None], lat_b[None, :], lon_b[None, :]).astype(
        np.float32
    )
