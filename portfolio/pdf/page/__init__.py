"""The printed page in numbers: its geometry, the grid, the fonts' metrics, where images
sit and at what resolution."""
