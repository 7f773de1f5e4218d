"""Helpers every service uses: validate-and-save with the acting user recorded in the history."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models

from regio.core.changes import region_changed


def validated_save(
    instance: models.Model, *, actor=None, reason: str = "", trusted_relations: tuple[str, ...] = ()
) -> models.Model:
    """full_clean() then save(), recording who made the change and why in django-simple-history,
    and raising the change counter of the region the instance belongs to (core.changes).

    `trusted_relations` names foreign keys set from rows just read from the database, whose
    existence full_clean() need not check again with a query each (bulk loading).
    """
    instance.full_clean(exclude=list(trusted_relations) or None)
    if isinstance(actor, get_user_model()):
        instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    region_changed(instance)
    return instance
