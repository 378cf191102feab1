"""Independent reader for the DOCX files duban writes: python-docx (PyPI)
opens the file as Word would and prints what a test checks, as JSON."""
import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn


def run_info(run):
    rpr = run._element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    color = run.font.color.rgb if run.font.color is not None and run.font.color.type is not None else None
    return {
        "text": run.text,
        "east_asia": fonts.get(qn("w:eastAsia")) if fonts is not None else None,
        "size_pt": run.font.size.pt if run.font.size else None,
        "bold": bool(run.bold),
        "color": str(color) if color else None,
    }


def main(path):
    d = docx.Document(path)
    s = d.sections[0]
    names = zipfile.ZipFile(path).namelist()
    footers = [p.text for p in s.footer.paragraphs] + [p.text for p in s.even_page_footer.paragraphs]
    footer_xml = s.footer._element.xml
    out = {
        "page_mm": [round(s.page_width.mm, 1), round(s.page_height.mm, 1)],
        "margins_mm": [round(x.mm, 1) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)],
        "odd_and_even": d.settings.odd_and_even_pages_header_footer,
        "footers": footers,
        "page_field": "PAGE" in footer_xml,
        "paragraphs": [{"style": p.style.name, "text": p.text, "align": str(p.alignment), "keep_next": bool(p.paragraph_format.keep_with_next),
                        "runs": [run_info(r) for r in p.runs]}
                       for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "header_rows_repeat": [t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in d.tables],
        "title": d.core_properties.title,
        "different_first_page": s.different_first_page_header_footer,
        "first_footer_borders": [b.get(qn("w:val")) for b in s.first_page_footer._element.iter(qn("w:top"))],
        "framed": [p.text for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None],
        "rows_split": [any(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in t.rows) for t in d.tables],
        "parts": names,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
