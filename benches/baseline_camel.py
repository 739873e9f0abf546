#!/usr/bin/env python3
"""Python baseline for `tahlil stats`: CAMeL Tools' normalisers and word tokenizer, and
collections.Counter, over JSONL or text files. Used by benches/compare.sh.

Normalisation, as close to tahlil's `standard` preset as CAMeL Tools allows:
  normalize_unicode (NFKC)          ~ tahlil steps 2+3 (tahlil folds only the Arabic
                                       presentation forms, then NFC; NFKC folds more,
                                       e.g. ligatures and superscripts)
  format controls removed           = step 6 (str.translate; CAMeL has no such function)
  Persian/Urdu look-alikes folded   = step 4 (str.translate; not in CAMeL)
  Arabic-Indic/Persian digits       = step 5 (str.translate; not in CAMeL)
  dediac_ar + tatweel removed       ~ step 7 (dediac_ar removes U+064B-U+0652 and U+0670;
                                       tahlil also removes U+0653-U+065F, U+0610-U+061A,
                                       Quranic marks and tatweel: the rest by translate)
  normalize_alef_ar                 = step 8 (أ إ آ ٱ → ا; tahlil also folds ٲ ٳ)
  lower()                           = step 8 (Latin lower case)
  alef maqsura and teh marbuta are NOT folded: tahlil's `standard` keeps ى and ة
  (only `search` folds them).

Tokens: simple_word_tokenize, then tokens without a letter or digit (punctuation and
symbols) are dropped. Differences from tahlil's tokenizer (documented in the README):
URLs, e-mails and @handles are split into pieces here (tahlil keeps each whole and
leaves it out of the terms); `12,500` is three tokens here (tahlil: 12500); a change of
script (`مصرBBC`) does not split here; `بـ2025` keeps `ب` here. Sentences and titles do
not matter for unigram counts.

Stopwords: tahlil's list (data/stopwords/ar.txt), normalised the same way.

Output: `term<TAB>count` for the top N terms (count descending, then term), and a
summary line on stderr.
"""

import argparse
import collections
import json
import os
import sys
import unicodedata

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar, normalize_unicode

FORMAT_CONTROLS = [0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x00AD, 0xFEFF]
FORMAT_CONTROLS += list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2065))
FORMAT_CONTROLS += list(range(0x2066, 0x206A))
EXTRA_MARKS = [0x0640] + list(range(0x0653, 0x0660)) + list(range(0x0610, 0x061B))
EXTRA_MARKS += list(range(0x06D6, 0x06EE)) + list(range(0x08D3, 0x08E2))
EXTRA_MARKS += list(range(0x08E3, 0x0900))
TABLE = {c: None for c in FORMAT_CONTROLS + EXTRA_MARKS}
TABLE.update({ord(a): b for a, b in [
    ("\u06A9", "ك"), ("\u06AA", "ك"), ("\u06CC", "ي"), ("\u06D0", "ي"), ("\u06CD", "ي"),
    ("\u06C3", "ة"), ("\u06C1", "ه"), ("\u06BE", "ه"), ("\u06D5", "ه"),
    ("\u0672", "ا"), ("\u0673", "ا"), ("\u066B", "."), ("\u066C", ""),
]})
TABLE.update({0x0660 + i: str(i) for i in range(10)})
TABLE.update({0x06F0 + i: str(i) for i in range(10)})


def normalize(s):
    s = s.translate({c: None for c in FORMAT_CONTROLS})
    s = normalize_unicode(s)
    s = s.translate(TABLE)
    s = dediac_ar(s)
    s = normalize_alef_ar(s)
    return s.lower()


def is_word(tok):
    return any(unicodedata.category(c)[0] in "LN" for c in tok)


def texts(paths, field):
    for p in paths:
        if os.path.isdir(p):
            files = sorted(os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs
                           if f.endswith((".jsonl", ".txt")))
        else:
            files = [p]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                if f.endswith(".jsonl"):
                    for line in fh:
                        if line.strip():
                            yield json.loads(line).get(field) or ""
                else:
                    yield fh.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--stopwords", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "stopwords", "ar.txt"))
    a = ap.parse_args()
    stop = set()
    with open(a.stopwords, encoding="utf-8-sig") as fh:
        for line in fh:
            e = line.split("#")[0].strip()
            if e and not any(c.isspace() for c in e):
                n = normalize(e)
                if n:
                    stop.add(n)
    counts = collections.Counter()
    tokens = docs = 0
    for t in texts(a.paths, a.text_field):
        docs += 1
        words = [w for w in simple_word_tokenize(normalize(t)) if is_word(w)]
        tokens += len(words)
        counts.update(w for w in words if w not in stop)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if a.top:
        top = top[:a.top]
    out = sys.stdout
    for term, c in top:
        out.write(f"{term}\t{c}\n")
    print(f"baseline: {docs} documents, {tokens} tokens, {len(counts)} term types",
          file=sys.stderr)


if __name__ == "__main__":
    main()
