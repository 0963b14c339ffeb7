"""Shared utilities that know nothing of a dossier: errors, files written whole, hashes, text, YAML with lines, templates, fonts, bounds."""
