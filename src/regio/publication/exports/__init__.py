"""Open-data exports of a region: Popolo JSON, CSV per entity, the register of joint arrangements,
and the canonical JSON of the whole region that `regio export` writes and `regio import-region` reads.

The public exports hold public items only, read as an anonymous visitor would; the canonical JSON is
a full copy for moving a region between installations and holds everything.
"""
