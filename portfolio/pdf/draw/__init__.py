"""Planned pages + the dossier -> the print HTML documents: cover, sections set the French
way, images and media placed."""
