from ninja import Router

router = Router(tags=["candidates"])
