from django.http import Http404

from talentbridge.accounts import access
from talentbridge.accounts.models import Role
from talentbridge.core.command import SystemActor
from talentbridge.test import BaseTestCase


class AccessTests(BaseTestCase):
    def test_it_scopes_projects_to_the_users_organisations(self):
        self.assertEqual(list(access.projects_for(self.assessor)), [self.project])
        self.assertEqual(list(access.projects_for(self.outsider)), [self.other_project])
        self.assertEqual(set(access.projects_for(self.admin)), {self.project, self.other_project})

    def test_roles_are_per_project(self):
        self.assertTrue(access.has_role(self.assessor, Role.ASSESSOR, project=self.project))
        self.assertFalse(access.has_role(self.assessor, Role.ASSESSOR, project=self.other_project))
        self.assertFalse(access.has_role(self.employer_user, Role.ASSESSOR))

    def test_an_outsider_gets_404_not_403(self):
        with self.assertRaises(Http404):
            access.get_project_or_404(self.outsider, "alpha")
        with self.assertRaises(Http404):
            access.require_role(self.outsider, Role.ASSESSOR, project=self.project)
        self.assertEqual(access.get_project_or_404(self.assessor, "alpha"), self.project)

    def test_the_shell_operator_has_all_rights(self):
        operator = SystemActor()
        self.assertTrue(access.is_administrator(operator))
        self.assertEqual(access.projects_for(operator).count(), 2)

    def test_anonymous_users_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertEqual(access.projects_for(AnonymousUser()).count(), 0)
        self.assertEqual(access.roles_of(AnonymousUser()), set())
