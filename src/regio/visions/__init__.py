"""Visions (toekomstvisies), their adoption per council, their spearheads, and milestones."""
