"""Council letters (raadsinformatiebrieven): composed as plain data, rendered as HTML, PDF and Word."""
