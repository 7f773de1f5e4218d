"""Topics (onderwerpen/dossiers) of the shared agenda: participation, lead, partners, results."""
