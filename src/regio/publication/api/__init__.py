"""REST API v1, following the NL API Design Rules (v2.1)."""

API_VERSION = "1.0.0"
