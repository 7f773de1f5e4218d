"""Regio: the system that runs a cooperation of municipalities in a region."""
