"""Shared utilities that know nothing of a dossier.

Errors a person can cause (French messages), files written whole, file hashes, text (ASCII
folding, French spacing), YAML with the line of every key, HTML templates, the shipped fonts,
every input's size and time bound, a site folder swapped in one step, close names.
"""
