"""Publication: the public site, the REST API (NL API Design Rules), exports, feeds and Woo metadata.

It reads from the domain apps and never the other way round.
"""
