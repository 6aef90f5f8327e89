"""The employers REST API (mounted at /api/employers/): one router made of the topic routers."""

from ninja import Router

from . import demand, openings, portal, register

router = Router(tags=["employers"])
# Fixed paths ("/needs", "/openings", "/portal" …) before the register's "/{id}" ones.
router.add_router("", demand.router)
router.add_router("", openings.router)
router.add_router("", portal.router)
router.add_router("", register.router)
