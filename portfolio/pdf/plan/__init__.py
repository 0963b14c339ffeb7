"""The composer: a section's print HTML -> measured blocks -> planned pages of bands
(columns, rows of figures, boards, figures at a stated scale)."""
