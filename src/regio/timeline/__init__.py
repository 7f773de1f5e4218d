"""The timeline: one ordered list of the cooperation's history and plan, merged from the domain apps (no models)."""
