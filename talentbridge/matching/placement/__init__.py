"""Household → municipality placement: the optimiser, its dynamic mode and a simulated world.

Pure NumPy/SciPy; nothing here imports Django. The Django app ``talentbridge.placement``
turns households, quotas and ties into a :class:`PlacementProblem` and back.

>>> import numpy as np
>>> from talentbridge.matching.placement import PlacementProblem, solve
>>> problem = PlacementProblem(
...     scores=np.array([[0.6, 0.2], [0.5, 0.4], [0.1, 0.3]]),
...     sizes=np.array([2, 1, 3]),
...     quota_upper=np.array([3, 4]),
... )
>>> result = solve(problem)
>>> result.assignment.tolist(), round(result.objective, 2)
([0, 0, 1], 1.4)
"""

from .problem import Capacity, PlacementProblem
from .solver import InfeasibleError, PlacementResult, solve

__all__ = ["Capacity", "InfeasibleError", "PlacementProblem", "PlacementResult", "solve"]
