"""A dossier's build and the class's: Dossier + BuildOptions -> print render (cached by
content) + verdict -> DossierBuild, its report, and the preview's re-renders and page strips."""
