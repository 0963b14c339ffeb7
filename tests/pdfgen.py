"""Small PDFs made in tests: a WeasyPrint render (PDF/A or plain), an old-style CAD export."""

from __future__ import annotations

import io

import weasyprint

from portfolio.pdf.output.archive import VARIANT

HTML = "<html lang=fr><title>Bague</title><p>Bijou é & <a href='https://x.fr'>lien</a></p>"


def weasy(variant: str | None = VARIANT, html: str = HTML) -> bytes:
    document = weasyprint.HTML(string=html).render()
    document.metadata.title = "Bague « Ginkgo » & <saphir>"
    document.metadata.authors = ["Léa Moreau"]
    return document.write_pdf(pdf_variant=variant)


def helvetica_pdf() -> bytes:
    """A one-page PDF as old CAD exports make it: standard Helvetica, not embedded."""
    content = b"BT /F1 24 Tf 100 700 Td (Plan) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()
