from django import template

from talentbridge.employers import access

register = template.Library()


@register.filter
def may_import(user) -> bool:
    """``user|may_import``: whether the import page is open to the user (as its view checks)."""
    return access.may_import(user)
