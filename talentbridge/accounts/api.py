from ninja import Router, Schema

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation: str
    role: str


class MeOut(Schema):
    username: str
    memberships: list[MembershipOut]
    projects: list[str]


@router.get("/me", response=MeOut, summary="Who am I: roles and projects")
def me(request):
    from .access import projects_for

    user = request.auth
    return {
        "username": user.get_username(),
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
        "projects": list(projects_for(user).values_list("code", flat=True)),
    }
