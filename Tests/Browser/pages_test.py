#!/usr/bin/env python3
"""The pages in a real, headless Chromium, driven by Selenium.

One `duban serve` on a temporary database and a free loopback port serves
every test (Chromium and the server start once per run). The server's clock
is fixed at 2026-12-01 09:00 and moves on only with the audit trail, which
`duban tick --now` on the same database pushes forward. Screenshots of the
board, a unit's home and a matter at 1280 px and 375 px are saved under
out/screenshots/ on every run.

Run by scripts/test: python3 Tests/Browser/pages_test.py DUBAN_BINARY
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUBAN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/duban"))
SHOTS = os.path.join(ROOT, "out", "screenshots")
PASSWORDS = {"li.ming": "office-pass-2026", "zhao.lei": "viewer-pass-2026",
             "wang.fang": "unit-pass-20266", "zhang.wei": "other-unit-2026"}
START = "2026-12-01T09:00"

# A workflow that exists only in this test: its form is generated from its payload.
VISIT_WORKFLOW = """\
workflow: site-visit
version: 1
title: 现场复查
inputs:
  unit:     { type: unit, required: true, title: 责任单位 }
  task:     { type: text, required: true, title: 复查事项 }
  deadline: { type: date, default: "+5wd", title: 时限 }
initial: open
states:
  open:
    title: 待复查
    on:
      record:
        title: 登记复查结果
        by: [unit]
        payload:
          visited: { type: date, required: true, title: 复查日期 }
          result:  { type: enum, values: [合格, 不合格], required: true, title: 复查结论 }
          photos:  { type: file, required: true, title: 现场照片 }
        goto: done
  done: { title: 已复查, final: true }
"""

# A PNG of a few bytes: the server tells files by their content.
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + b"after rectification"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A working folder with the example district, four accounts and a running server."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="duban-browser-")
        self.messages = os.path.join(self.dir, "messages.jsonl")
        self.run("init", self.dir, "--example", cwd=ROOT)
        units = os.path.join(self.dir, "workflows", "units.yaml")
        with open(units, encoding="utf-8") as f:
            text = f.read()
        with open(units, "w", encoding="utf-8") as f:
            f.write(f"channels: [ {{ type: jsonl, path: {self.messages} }} ]\n" + text)
        with open(os.path.join(self.dir, "workflows", "site-visit.yaml"), "w", encoding="utf-8") as f:
            f.write(VISIT_WORKFLOW)
        self.run("deploy")
        for name, unit in [("li.ming", ["--office"]), ("zhao.lei", ["--office", "--viewer"]),
                           ("wang.fang", ["--unit", "chengguan"]), ("zhang.wei", ["--unit", "gongan"])]:
            self.run("user", "add", name, *unit, input=PASSWORDS[name] + "\n")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.dir, "serve.log"), "w")
        self.server = subprocess.Popen([DUBAN, "serve", "--listen", f"127.0.0.1:{self.port}", "--public-url", self.base,
                                        "--tick-every", "0", "--now", START], cwd=self.dir, stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=1).status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("duban serve did not start: " + open(self.log.name).read())

    def run(self, *args, input=None, cwd=None):
        r = subprocess.run([DUBAN, *args], cwd=cwd or self.dir, input=input, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"duban {' '.join(args)} failed ({r.returncode}): {r.stderr}{r.stdout}")
        return r.stdout

    def start(self, workflow, **inputs):
        args = ["start", workflow, "--now", START]
        for k, v in inputs.items():
            args += ["--input", f"{k}={v}"]
        return self.run(*args).split()[-1].strip()

    def close(self):
        self.server.terminate()
        try:
            self.server.wait(15)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def browser(width):
    o = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},1000",
                "--lang=zh-CN", "--hide-scrollbars"]:
        o.add_argument(arg)
    o.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    if width < 500:
        # A phone: Chromium's windows are no narrower than 500 px, its phone emulation is.
        o.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 812, "pixelRatio": 2}})
    o.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=o)


class Pages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOTS, exist_ok=True)
        cls.site = Site()
        cls.office = browser(1280)
        cls.unit = browser(375)
        cls.login(cls.office, "li.ming")
        cls.login(cls.unit, "wang.fang")

    @classmethod
    def tearDownClass(cls):
        cls.office.quit()
        cls.unit.quit()
        cls.site.close()

    @classmethod
    def login(cls, b, name):
        b.get(cls.site.base + "/login")
        b.find_element(By.NAME, "name").send_keys(name)
        b.find_element(By.NAME, "password").send_keys(PASSWORDS[name])
        b.find_element(By.ID, "login").click()
        WebDriverWait(b, 10).until(lambda d: "/login" not in d.current_url)

    def until(self, b, condition, seconds=15):
        """Waits for a condition on a page whose live parts are being replaced."""
        return WebDriverWait(b, seconds, ignored_exceptions=[StaleElementReferenceException, NoSuchElementException]).until(condition)

    def go(self, b, path):
        b.get(self.site.base + path)

    def text(self, b):
        return b.find_element(By.TAG_NAME, "main").text

    def event_form(self, b, label):
        for form in b.find_elements(By.CSS_SELECTOR, "form.event"):
            if form.find_element(By.TAG_NAME, "h3").text == label:
                return form
        self.fail(f"no form '{label}' on {b.current_url}: {self.text(b)}")

    def shot(self, b, name):
        b.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def dot(self, b, matter):
        return b.find_element(By.CSS_SELECTOR, f'a[href="/matters/{matter}"]')

    def test_1_unit_signs_reports_and_office_rejects(self):
        """A unit's 联络员 on a 375 px phone signs for a matter the office
        assigned in the browser and reports with a photo; the office's board
        shows it without a reload; the office rejects with a reason, which the
        unit then reads on the matter."""
        o, u = self.office, self.unit
        self.go(o, "/office")
        form = o.find_element(By.ID, "assign")
        Select(form.find_element(By.NAME, "unit")).select_by_visible_text("区城市管理委员会")
        form.find_element(By.NAME, "problem").send_keys("人民路占道经营")
        o.execute_script("arguments[0].value = '2026-12-15'", form.find_element(By.NAME, "deadline"))
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(o, 10).until(lambda d: "/matters/" in d.current_url)
        matter = o.current_url.rsplit("/", 1)[1]
        self.assertIn("人民路占道经营", self.text(o))

        self.go(o, "/board")
        o.execute_script("window.notReloaded = true")
        # The board's count is taken again on a thread after a step: the new light comes within seconds.
        self.until(o, lambda d: "已交办" in self.dot(d, matter).get_attribute("title"))

        self.go(u, "/home")
        self.assertIn("人民路占道经营", self.text(u))
        self.assertIn("签收", u.find_element(By.CSS_SELECTOR, f'a[href="/matters/{matter}"]').find_element(By.XPATH, "../..").text)
        u.find_element(By.CSS_SELECTOR, f'a[href="/matters/{matter}"]').click()
        self.event_form(u, "签收").find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(u, 10).until(lambda d: "done=acknowledge" in d.current_url)
        self.assertIn("整改中", self.text(u))
        photo = os.path.join(self.site.dir, "after.png")
        with open(photo, "wb") as f:
            f.write(PNG)
        report = self.event_form(u, "反馈办理情况")
        report.find_element(By.NAME, "evidence").send_keys(photo)
        report.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(u, 10).until(lambda d: "done=report" in d.current_url)
        self.assertIn("after.png", self.text(u))

        self.until(o, lambda d: "待审核" in self.dot(d, matter).get_attribute("title"))
        self.assertTrue(o.execute_script("return window.notReloaded === true"), "the board reloaded")

        self.go(o, f"/matters/{matter}")
        reject = self.event_form(o, "退回整改")
        reject.find_element(By.NAME, "reason").send_keys("照片未反映整改后全貌，请补拍")
        reject.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(o, 10).until(lambda d: "done=reject" in d.current_url)

        self.go(u, f"/matters/{matter}")
        self.assertIn("照片未反映整改后全貌，请补拍", self.text(u))
        self.assertIn("整改中", self.text(u))

    def test_2_another_units_matter_reads_as_missing(self):
        """Editing the URL to another unit's matter shows the same page as a
        matter that does not exist: nothing of it, not even that it exists."""
        theirs = self.site.start("rectification", unit="gongan", problem="夜市油烟扰民", deadline="2026-12-20")
        self.go(self.unit, f"/matters/{theirs}")
        other = self.text(self.unit)
        self.go(self.unit, "/matters/99999")
        missing = self.text(self.unit)
        self.assertEqual(other, missing)
        self.assertNotIn("夜市油烟扰民", self.unit.page_source)
        self.assertNotIn("公安", self.unit.page_source)

    def test_3_signed_link_acts_once(self):
        """The signed link in a JSON-lines message opens the confirm page
        without acting; one tap signs for the matter; a second tap (the
        form sent again) does not act again."""
        matter = self.site.start("rectification", unit="chengguan", problem="背街小巷垃圾堆放", deadline="2026-12-20")
        self.site.run("deliver", "--public-url", self.site.base, "--now", START)
        with open(self.site.messages, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f]
        link = next(t for t in texts if "背街小巷垃圾堆放" in t and "/l/" in t)
        url = link[link.index(self.site.base + "/l/"):].split()[0]
        b = browser(375)
        try:
            b.get(url)
            self.assertIn("背街小巷垃圾堆放", self.text(b))
            self.assertIn("已交办", self.text(b))
            form = self.event_form(b, "签收")
            again = form.get_attribute("outerHTML")
            form.find_element(By.CSS_SELECTOR, "button").click()
            WebDriverWait(b, 10).until(lambda d: "done=acknowledge" in d.current_url)
            self.assertIn("整改中", self.text(b))
            # The same form sent again, as a second tap or a resubmission would.
            b.execute_script("document.body.insertAdjacentHTML('beforeend', arguments[0]); document.body.lastElementChild.submit()", again)
            WebDriverWait(b, 10).until(lambda d: "done=" not in d.current_url)
            self.assertIn("已有变化", self.text(b))
        finally:
            b.quit()
        shown = self.site.run("show", matter)
        self.assertEqual(shown.count("(acknowledge)"), 1, shown)

    def test_4_generated_form_of_a_test_workflow(self):
        """A workflow written only for this test gets a working form from its
        payload: a date picker, a select of the enum's values and a file
        input; what is sent shows on the matter."""
        matter = self.site.start("site-visit", unit="chengguan", task="复查人民路门前三包")
        self.go(self.unit, f"/matters/{matter}")
        form = self.event_form(self.unit, "登记复查结果")
        self.assertEqual(form.find_element(By.NAME, "visited").get_attribute("type"), "date")
        options = [o.text for o in Select(form.find_element(By.NAME, "result")).options]
        self.assertEqual(options[1:], ["合格", "不合格"])
        photos = form.find_element(By.NAME, "photos")
        self.assertEqual(photos.get_attribute("type"), "file")
        self.unit.execute_script("arguments[0].value = '2026-12-01'", form.find_element(By.NAME, "visited"))
        Select(form.find_element(By.NAME, "result")).select_by_visible_text("合格")
        photo = os.path.join(self.site.dir, "visit.png")
        with open(photo, "wb") as f:
            f.write(PNG)
        photos.send_keys(photo)
        form.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(self.unit, 10).until(lambda d: "done=record" in d.current_url)
        page = self.text(self.unit)
        self.assertIn("已复查", page)
        self.assertIn("复查结论：合格", page)
        self.assertIn("复查日期：2026-12-01", page)
        self.assertIn("visit.png", page)

    def test_5_time_moves_lights_turn(self):
        """Time moves on with `duban tick --now` on the same database: the
        office's open board turns the matter yellow, then red with the
        ladder's rung, without a reload; the supervision order it issued
        downloads as DOCX."""
        o = self.office
        matter = self.site.start("rectification", unit="jiaotong", problem="公交站台破损", deadline="2026-12-15")
        self.site.run("signal", matter, "acknowledge", "--actor", "jiaotong", "--now", START)
        self.go(o, "/board?unit=jiaotong")
        self.until(o, lambda d: self.dot(d, matter).get_attribute("data-matter-light") == "green")
        o.execute_script("window.notReloaded = true")
        # The reminder two workdays before the deadline falls due at the end of 11 December.
        self.site.run("tick", "--now", "2026-12-11T18:30")
        self.until(o, lambda d: self.dot(d, matter).get_attribute("data-matter-light") == "yellow")
        self.site.run("tick", "--now", "2026-12-18T09:30")
        self.until(o, lambda d: self.dot(d, matter).get_attribute("data-matter-light") == "red")
        rung = 'tr[data-unit="区交通运输局"] .ladder-step'
        self.until(o, lambda d: "督办" in d.find_element(By.CSS_SELECTOR, rung).text)
        self.assertTrue(o.execute_script("return window.notReloaded === true"), "the board reloaded")
        self.go(o, f"/matters/{matter}")
        link = o.find_element(By.PARTIAL_LINK_TEXT, "督办通知单")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in o.get_cookies())
        req = urllib.request.Request(link.get_attribute("href"), headers={"Cookie": cookie})
        with urllib.request.urlopen(req) as r:
            self.assertIn("wordprocessingml", r.headers["Content-Type"])
            self.assertEqual(r.read(2), b"PK")

    def test_6_screenshots(self):
        """The board, a unit's home and a matter at 1280 px and 375 px, as
        the office and a unit see them after the others have run (kept in
        out/screenshots/; docs/screenshots/ holds the current ones)."""
        first = "1"
        for width in (1280, 375):
            office, unit = browser(width), browser(width)
            try:
                self.login(office, "li.ming")
                self.login(unit, "wang.fang")
                for b, path, name in [(office, "/board", "board"), (unit, "/home", "home"), (unit, f"/matters/{first}", "matter")]:
                    self.go(b, path)
                    self.assertNotIn("/login", b.current_url)
                    # The whole page, not the window: as tall as what it shows.
                    height = b.execute_script("return document.documentElement.scrollHeight")
                    b.set_window_size(width if width >= 500 else 500, min(max(height, 600), 2400))
                    self.shot(b, f"{name}-{width}")
            finally:
                office.quit()
                unit.quit()


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
