"""Short names (slugs) the site itself uses as the first segment of its addresses (plain Python)."""

RESERVED_REGION_SLUGS = frozenset(
    {"beheer", "account", "i18n", "api", "openbaar", "open-data", "static", "media", "meldingen"}
)
