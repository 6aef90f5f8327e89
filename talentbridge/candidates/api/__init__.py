"""REST endpoints of the candidates app, mounted at /api/candidates/. One module per topic;
all call the same services as the pages."""

from ninja import Router

from .assessments import router as assessments_router
from .people import router as people_router
from .selfassess import router as selfassess_router

router = Router(tags=["candidates"])
# Fixed paths (households, handover, duplicates) are registered before /{reference}.
router.add_router("", people_router)
router.add_router("", assessments_router)
router.add_router("", selfassess_router)
