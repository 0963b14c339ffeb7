"""One dossier's build and the class's: a Dossier + BuildOptions -> print render (cached) + verdict -> DossierBuild, and its report."""
