#!/usr/bin/env python3
"""Builds corpus.jsonl: one BEIR document per '## ' section of demo-kb/help-center/*.md.

The text before the first '## ' heading becomes '<page>#introduction'. '###' subsections stay inside their
'##' section, so a document is what a heading-aware chunker would see as one section. Deterministic: files
and sections in sorted/document order, stdlib only.
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
KB = HERE.parents[2] / "demo-kb" / "help-center"


def slug(heading: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
    return s or "section"


def sections(path: pathlib.Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].lstrip("# ").strip()
    current, body = "introduction", []
    heading = None
    for line in lines[1:]:
        if line.startswith("## "):
            yield current, heading, title, "\n".join(body).strip()
            heading = line[3:].strip()
            current, body = slug(heading), []
        else:
            body.append(line)
    yield current, heading, title, "\n".join(body).strip()


def main() -> int:
    out = HERE / "corpus.jsonl"
    seen = set()
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for path in sorted(KB.glob("*.md")):
            page = path.stem
            for sec, heading, title, text in sections(path):
                if not text:
                    continue
                doc_id = f"{page}#{sec}"
                if doc_id in seen:
                    raise SystemExit(f"duplicate id {doc_id}")
                seen.add(doc_id)
                full_title = title if heading is None else f"{title} - {heading}"
                f.write(json.dumps({"_id": doc_id, "title": full_title, "text": text,
                                    "metadata": {"source": f"help-center/{path.name}"}},
                                   ensure_ascii=False) + "\n")
    print(f"{len(seen)} documents -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
