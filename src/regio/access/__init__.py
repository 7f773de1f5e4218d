"""Who may do what in a region: grants to users and the policy every service checks."""
