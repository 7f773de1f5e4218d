"""Package data: region files and the national list of Dutch municipalities."""
