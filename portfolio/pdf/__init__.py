"""The print: a dossier's sanitised HTML -> an A3 PDF, pages counted.

page/ (the page in numbers) -> plan/ (the composer: measured blocks -> planned pages) ->
draw/ (planned pages -> print HTML) -> output/ (one WeasyPrint render -> PDF, pages counted,
annexes and part 1 appended, PDF/A checks).
"""
