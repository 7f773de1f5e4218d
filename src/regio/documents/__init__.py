"""Documents: readers for each file format, the store, intake with review of findings, and search."""
