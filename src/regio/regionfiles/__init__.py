"""Region files: the documented data format of a region, its validation and its loading."""
