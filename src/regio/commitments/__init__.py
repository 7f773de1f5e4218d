"""Commitments (toezeggingen) to the councils and partners: what is promised, by whom, by when."""
