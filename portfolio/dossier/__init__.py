"""The dossier as data: a student's folder (dossier.yml, sections, revue.yml, sessions.yml) -> a validated Dossier; new dossiers scaffolded."""
