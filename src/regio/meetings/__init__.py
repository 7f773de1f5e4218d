"""Bodies (gremia), their meetings and agenda, agreements and each municipality's decision on them."""
