"""Django's model permissions backend, reading a user's permissions in one query, not two.

``ModelBackend`` reads the permissions given to the user and those given to their groups with a
query each, on every request that checks one. Here both come from one ``UNION`` query; the
answer is the same set, cached on the user object for the request as Django's own is.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class ModelPermissionsInOneQueryBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                # No order in either part: SQLite refuses one inside a compound statement, and
                # Permission's default order would put one there.
                permissions = Permission.objects.filter(user=user_obj).order_by().union(
                    Permission.objects.filter(group__user=user_obj).order_by()
                )
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list("content_type__app_label", "codename")
            }
        return user_obj._perm_cache
