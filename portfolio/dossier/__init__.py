"""The dossier as data: a student's folder -> a validated Dossier.

dossier.yml, sections/*.md, revue.yml and the project's sessions.yml read and checked with
French errors at file:line (no rendering here); new dossiers and part 1 plans scaffolded.
"""
