#!/usr/bin/env python3
"""The documents as printed: the district quarter's DOCX through LibreOffice.

Plays examples/wenming-district/quarter.yaml once on a temporary database,
turns every issued DOCX into a PDF with one headless LibreOffice (fonts
aliased by fonts.conf beside this file: Debian has no simplified 仿宋 or
小标宋), reads each page's lines with `pdftotext -bbox-layout` and checks
what a clerk checks before signing (GB/T 9704-2012):

  - the 版记 (抄送, 印发) sits at the foot of the last page;
  - no page holds only the 版记;
  - no title line ends inside a word (jieba, an independent segmenter);
  - 抄送 continuation lines start under the first name after the colon.

With --pngs DIR it also keeps the pages of the latest document of each kind
as PNG (docs/documents/ holds those the README shows).

Run by scripts/test: python3 Tests/Layout/layout_test.py DUBAN_BINARY
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import jieba

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PT_PER_MM = 72 / 25.4
PAGE_HEIGHT = 297 * PT_PER_MM
TEXT_BOTTOM = PAGE_HEIGHT - 35 * PT_PER_MM   # the text block ends 35 mm above the page's edge
RECORD_SIZE = 14                             # 四号: the 版记's characters, in points
BINARY = None
PNGS = None


class Line:
    def __init__(self, element):
        self.x_min = float(element.get("xMin"))
        self.x_max = float(element.get("xMax"))
        self.y_min = float(element.get("yMin"))
        self.y_max = float(element.get("yMax"))
        self.text = "".join(w.text or "" for w in element if w.tag.endswith("word"))

    def __repr__(self):
        return f"{self.text!r}@({self.x_min:.0f},{self.y_max:.0f})"


def pages(pdf):
    """Each page's lines, top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    root = ET.fromstring(xml)
    out = []
    for page in root.iter():
        if page.tag.endswith("page"):
            lines = [Line(e) for e in page.iter() if e.tag.endswith("line")]
            out.append(sorted(lines, key=lambda l: (l.y_min, l.x_min)))
    return out


def is_page_number(line):
    return re.fullmatch(r"—\s*\d+\s*—", line.text.strip()) is not None


def is_record(line):
    return line.text.startswith("抄送：") or line.text.endswith("印发")


class Printed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="duban-layout-")
        out = os.path.join(cls.work, "out")
        subprocess.run([BINARY, "play", "examples/wenming-district/quarter.yaml", "--db", os.path.join(cls.work, "w.sqlite"),
                        "--out", out], cwd=ROOT, check=True, capture_output=True)
        cls.db = os.path.join(cls.work, "w.sqlite")
        cls.docx = sorted(glob.glob(os.path.join(out, "*", "*.docx")))
        pdf_dir = os.path.join(cls.work, "pdf")
        env = dict(os.environ, FONTCONFIG_FILE=os.path.join(HERE, "fonts.conf"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{cls.work}/lo-profile", "--headless", "--convert-to", "pdf",
                        "--outdir", pdf_dir] + cls.docx, check=True, capture_output=True, env=env, timeout=600)
        cls.documents = []
        for docx in cls.docx:
            name = os.path.splitext(os.path.basename(docx))[0]
            pdf = os.path.join(pdf_dir, name + ".pdf")
            kind = os.path.basename(os.path.dirname(docx))
            number, title = name.split(" ", 1)
            cls.documents.append((kind, number, title, pdf, pages(pdf)))

    @classmethod
    def tearDownClass(cls):
        if PNGS:
            os.makedirs(PNGS, exist_ok=True)
            seen = set()
            for kind, _, _, pdf, _ in reversed(cls.documents):   # the latest of each kind: the fullest circular
                if kind in seen:
                    continue
                seen.add(kind)
                for old in glob.glob(os.path.join(PNGS, kind + "-*.png")):
                    os.remove(old)
                subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, os.path.join(PNGS, kind)], check=True)
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_every_kind_printed(self):
        """The quarter issues every kind, and each PDF holds its number."""
        kinds = {d[0] for d in self.documents}
        self.assertEqual(kinds, {"minutes", "notice", "criticism-notice", "monthly-circular", "supervision-order",
                                 "interview-notice", "accountability-referral"})
        for kind, number, _, _, doc in self.documents:
            self.assertTrue(any(number in l.text for l in doc[0]), f"{number} not on its first page")

    def test_record_at_foot_of_last_page(self):
        """The 版记 is on the last page, its last line at the foot of the text block, and nowhere else."""
        for kind, number, _, _, doc in self.documents:
            record = [l for l in doc[-1] if is_record(l)]
            if kind in ("supervision-order", "interview-notice") and not record:
                continue   # a letter without copies has no 版记
            with self.subTest(number):
                self.assertTrue(record, f"{number}: no 版记 on the last page")
                bottom = max(l.y_max for l in record)
                self.assertGreater(bottom, TEXT_BOTTOM - 24, f"{number}: the 版记 ends at {bottom:.0f} pt, "
                                   f"not at the foot ({TEXT_BOTTOM:.0f} pt)")
                self.assertLess(bottom, TEXT_BOTTOM + 6, f"{number}: the 版记 runs below the text block")
                for page in doc[:-1]:
                    self.assertFalse(any(is_record(l) for l in page), f"{number}: 版记 lines before the last page")
                # The 抄送 stands on the 印发 line: only its own continuation lines between them.
                copies = [i for i, l in enumerate(doc[-1]) if l.text.startswith("抄送：")]
                printed = [i for i, l in enumerate(doc[-1]) if l.text.endswith("印发")]
                if copies and printed:
                    between = doc[-1][copies[0] + 1:printed[0]]
                    self.assertLessEqual(len(between), 4, f"{number}: {between} between 抄送 and 印发")
                    gap = doc[-1][printed[0]].y_min - (between[-1] if between else doc[-1][copies[0]]).y_max
                    self.assertLess(gap, 2 * RECORD_SIZE, f"{number}: 抄送 ends {gap:.0f} pt above the 印发 line")

    def test_no_page_holds_only_the_record(self):
        """Every page has text of the document's own besides the 版记 and the page number."""
        for _, number, _, _, doc in self.documents:
            for i, page in enumerate(doc):
                body = [l for l in page if not is_record(l) and not is_page_number(l)]
                self.assertTrue(body, f"{number}: page {i + 1} holds only {page}")

    def test_title_breaks_between_words(self):
        """A title over one line breaks where jieba sees a word boundary, and no line runs past 20 characters."""
        broken = 0
        for _, number, title, _, doc in self.documents:
            lines = self.title_lines(title, doc[0])
            self.assertIsNotNone(lines, f"{number}: title {title!r} not found on page 1")
            boundaries = set()
            at = 0
            for word in jieba.cut(title, HMM=False):
                at += len(word)
                boundaries.add(at)
            at = 0
            for line in lines[:-1]:
                at += len(line)
                self.assertIn(at, boundaries, f"{number}: {lines} breaks inside a word")
            self.assertTrue(all(len(l) <= 20 for l in lines), f"{number}: {lines}")
            broken += len(lines) > 1
        self.assertGreater(broken, 0, "no title in the quarter runs over one line: the check checked nothing")

    @staticmethod
    def title_lines(title, page):
        texts = [l.text.replace(" ", "") for l in page]
        for start in range(len(texts)):
            joined, lines = "", []
            for t in texts[start:start + 4]:
                joined += t
                lines.append(t)
                if joined == title:
                    return lines
                if not title.startswith(joined):
                    break
        return None

    def test_copies_continuation_aligned(self):
        """A 抄送 over two lines: the second starts under the first name after 抄送：."""
        checked = 0
        for _, number, _, _, doc in self.documents:
            page = doc[-1]
            for i, line in enumerate(page):
                if not line.text.startswith("抄送：") or i + 1 >= len(page):
                    continue
                following = page[i + 1]
                if is_record(following) or is_page_number(following) or following.y_min - line.y_max > RECORD_SIZE:
                    continue
                after_colon = line.x_min + 3 * RECORD_SIZE
                self.assertAlmostEqual(following.x_min, after_colon, delta=3,
                                       msg=f"{number}: 抄送 continues at {following.x_min:.1f} pt, the names at {after_colon:.1f} pt")
                checked += 1
        self.assertGreater(checked, 0, "no 抄送 in the quarter runs over one line: the check checked nothing")

    def test_html_prints_like_the_docx(self):
        """The HTML printed by headless Chromium: the masthead on one line at full scale, no number on a letter's
        first page but one on the next, the date two characters right of the issuer's first (GB/T 9704 7.3.5.2)."""
        html = os.path.join(self.work, "order.html")
        with open(html, "wb") as f:
            f.write(subprocess.run([BINARY, "render", "1", "--kind", "supervision-order", "--format", "html", "--db", self.db],
                                   check=True, capture_output=True).stdout)
        pdf = os.path.join(self.work, "order-html.pdf")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={self.work}/chromium", f"--print-to-pdf={pdf}", html],
                       check=True, capture_output=True, timeout=120)
        doc = pages(pdf)
        self.assertGreaterEqual(len(doc), 2)
        self.assertTrue(any(l.text == "区创建全国文明城区工作指挥部办公室" and l.y_max < 250 for l in doc[0]), doc[0][:3])
        self.assertFalse(any(is_page_number(l) for l in doc[0]), "a page number on the letter's first page")
        self.assertTrue(any(is_page_number(l) and "2" in l.text for l in doc[1]), doc[1][-3:])
        issuer = [l for p in doc for l in p if l.text == "区创建全国文明城区工作指挥部办公室" and l.y_min > 250]
        date = [l for p in doc for l in p if l.text == "2026年4月8日"]
        self.assertTrue(issuer and date)
        size = (issuer[0].x_max - issuer[0].x_min) / 17
        self.assertGreater(size, 14, "the page was shrunk to fit something too wide")
        self.assertAlmostEqual(date[0].x_min - issuer[0].x_min, 2 * size, delta=3)


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--pngs" in args:
        i = args.index("--pngs")
        PNGS = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    BINARY = os.path.abspath(args[0])
    jieba.setLogLevel(60)
    unittest.main(argv=[sys.argv[0]] + args[1:], verbosity=2)
