"""Pieces every domain app shares: visibility, validation helpers, the base of services."""
