"""The hand-in: a conforming dossier -> a dated, signed, read-only snapshot in rendus/;
the class's receipt and archive for the exam office."""
