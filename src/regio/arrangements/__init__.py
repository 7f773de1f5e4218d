"""The register of the region's gemeenschappelijke regelingen (joint arrangements, art. 27 Wgr)."""
