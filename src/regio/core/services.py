"""Helpers every service uses: validate-and-save with the acting user recorded in the history."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models


def validated_save(instance: models.Model, *, actor=None, reason: str = "") -> models.Model:
    """full_clean() then save(), recording who made the change and why in django-simple-history."""
    instance.full_clean()
    if isinstance(actor, get_user_model()):
        instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance
