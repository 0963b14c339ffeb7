"""Print HTML -> one WeasyPrint render -> PDF bytes and pages counted; annex PDFs and
part 1 appended; PDF/A checked."""
