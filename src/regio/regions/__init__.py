"""Regions, their member municipalities, partner organisations, persons and their roles."""
