"""The composer: a section's print HTML -> measured blocks -> planned pages of bands (columns, rows, boards, scales)."""
