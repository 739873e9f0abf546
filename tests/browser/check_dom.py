#!/usr/bin/env python3
"""Checks made by check_report.sh on what headless Chromium produced (standard library only).

usage: check_dom.py WORKDIR

WORKDIR holds: report.html (as written by tahlil), console.log (Chromium's stderr with
--enable-logging), desktop.dom.html and mobile.dom.html (--dump-dom of the probed copy at
1280 and 390 px), desktop.png and mobile.png (screenshots), report.pdf (print to PDF).
Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
"""

import html
import json
import re
import sys
import zlib

work = sys.argv[1]
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {what}")
    else:
        failed += 1
        print(f"FAILED - {what}" + (f": {detail}" if detail else ""))


def read(name, mode="r"):
    with open(f"{work}/{name}", mode) as f:
        return f.read()


def probe(name):
    dom = read(name)
    # text content is escaped in the dump, so the element's text holds no "<"
    found = re.findall(r'<pre id="probe"[^>]*>([^<]*)</pre>', dom)
    try:
        return json.loads(html.unescape(found[-1])) if found else None
    except ValueError:
        return None


def ink(png_path):
    """Share of pixels that differ from the most common colour of a PNG (8-bit RGB or RGBA,
    as Chromium writes): 0 for a blank picture. Every 4th row is sampled."""
    data = read(png_path, "rb")
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return 0.0
    pos, idat, ihdr = 8, b"", b""
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height = int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big")
    depth, colour = ihdr[8], ihdr[9]
    if depth != 8 or colour not in (2, 6):
        return 0.0
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    counts = {}
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        f, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                cur[i] = (cur[i] + a) & 255
            elif f == 2:
                cur[i] = (cur[i] + b) & 255
            elif f == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, stride, bpp * 2):
                px = bytes(cur[x:x + 3])
                counts[px] = counts.get(px, 0) + 1
        prev = cur
    total = sum(counts.values())
    return 1.0 - max(counts.values()) / total if total else 0.0


page = read("report.html")
# 1. self-contained: nothing to fetch, no script
check(page.startswith("<!DOCTYPE html>") and '<html lang="ar" dir="rtl">' in page,
      "the page is HTML with lang=ar dir=rtl")
for pattern in [r"<script", r"<link", r"\ssrc=", r"url\(", r"@import", r"href=\"(https?:)?//", r"<iframe", r"<img"]:
    check(not re.search(pattern, page, re.I), f"nothing external or scripted ({pattern})")

# 2. the browser logged no console message (errors, failed loads) for the page as written
console = [l for l in read("console.log").splitlines() if "CONSOLE" in l or "Uncaught" in l]
check(not console, "no console messages or errors", "; ".join(console[:5]))

required_h2 = ["نظرة عامة على المدوّنة", "المصطلحات الأكثر تكرارًا",
               "شبكة الظهور المشترك: الدول والمناطق والموضوعات", "الأقسام", "الخيارات والإصدار"]

for view, width in [("desktop", 1280), ("mobile", 390)]:
    p = probe(f"{view}.dom.html")
    check(p is not None, f"{view}: the probe ran and wrote its result")
    if p is None:
        continue
    check(not p["errors"], f"{view}: the probe met no error", str(p["errors"]))
    check(p["lang"] == "ar" and p["dir"] == "rtl" and p["bodyDirection"] == "rtl",
          f"{view}: the page direction is RTL", f'{p["lang"]} {p["dir"]} {p["bodyDirection"]}')
    check(p["resources"] == [], f"{view}: no resource was requested", str(p["resources"][:5]))
    check(p["scripts"] == 1, f"{view}: no script but the probe", str(p["scripts"]))
    missing = [h for h in required_h2 if h not in p["h2"]]
    check(not missing, f"{view}: the Arabic headings are in the DOM", str(missing))
    sizes = [(s["cls"], round(s["width"]), round(s["height"])) for s in p["svgs"]]
    check(len(sizes) >= 3 and all(w > 50 and h > 50 for _, w, h in sizes),
          f"{view}: every SVG has a non-zero rendered size", str(sizes))
    check(p["scrollWidth"] <= p["viewport"][0] + 1,
          f"{view}: the page does not scroll sideways (wide parts scroll in their own box)",
          f'{p["scrollWidth"]} > {p["viewport"][0]}')
    if view == "desktop":
        net = p.get("network") or {}
        nodes = set(net.get("nodes", []))
        edges = {tuple(sorted(e)) for e in net.get("edges", [])}
        republics = ["country:KAZ", "country:KGZ", "country:TJK", "country:TKM", "country:UZB"]
        want = [("country:IND", r) for r in republics] + [
            ("country:IND", "theme:terrorism"), ("country:IND", "theme:cyber-security"),
            ("country:IND", "region:central-asia")]
        lacking = [e for e in want if tuple(sorted(e)) not in edges]
        check("country:IND" in nodes and not lacking,
              "desktop: India is linked to the five republics, Central Asia, terrorism and cyber security",
              str(lacking))
        labels = net.get("labels", [])
        box = net.get("box", {"width": 0, "height": 0})
        outside = [l["text"] for l in labels
                   if l["left"] < -1 or l["top"] < -1
                   or l["left"] + l["width"] > box["width"] + 1 or l["top"] + l["height"] > box["height"] + 1]
        check(labels and not outside, "desktop: every node label is inside the drawing", str(outside))
        overlaps = []
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                dx = min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"])
                dy = min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"])
                if dx > 2 and dy > 2:
                    overlaps.append((a["text"], b["text"]))
        check(not overlaps, "desktop: no two node labels overlap as rendered", str(overlaps))
        check(len(p["h4"]) == 3, "desktop: the sample's three sections are shown", str(p["h4"]))

# 3. screenshots are not blank, the PDF has pages
for shot in ["desktop.png", "mobile.png"]:
    share = ink(shot)
    check(share > 0.02, f"{shot} is not blank", f"{share:.4f}")
pdf = read("report.pdf", "rb")
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
check(pdf.startswith(b"%PDF") and pages >= 2, "the page prints (PDF with pages)", f"{pages} pages")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
