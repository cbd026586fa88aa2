"""Command line: ``tandem clarity FILE`` (wired by the Django project) or
``python -m tandem.clarity FILE``.

Exit 0 with a report; exit 2 with a one-line reason on standard error when the input cannot be
read or is not supported, or when the text is too short to judge (fewer than 100 words: it says
so instead of scoring).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .analysis import analyze
from .extract import MAX_BYTES, ExtractionError, extract_text
from .messages import message
from .report import Report

__all__ = ["build_parser", "main", "render_text"]

_KIND_WORDS = {
    "fr": {"found": "trouvé", "not_found": "non trouvé", "not_applicable": "sans objet"},
    "en": {"found": "found", "not_found": "not found", "not_applicable": "not applicable"},
}


def build_parser(prog: str = "tandem clarity") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Plain-language analysis of an information leaflet or consent form "
        "(DOCX, ODT, PDF with text, or plain text).",
    )
    parser.add_argument("file", help="the document to analyse ('-' reads standard input)")
    parser.add_argument("--lang", choices=("fr", "en", "auto"), default="auto")
    parser.add_argument(
        "--kind",
        choices=("auto", "leaflet", "consent", "other"),
        default="auto",
        help="default: inferred from the text (and shown)",
    )
    parser.add_argument("--category", choices=("riph1", "riph2", "riph3", "ctr"), default=None)
    parser.add_argument(
        "--format",
        choices=("text", "json", "html", "docx"),
        default="text",
        help="docx: the DOCX file itself, with every finding as a Word comment (needs --output)",
    )
    parser.add_argument("--output", help="write the report to this file instead of stdout")
    parser.add_argument(
        "--ui",
        choices=("fr", "en"),
        default=None,
        help="language of messages (default: the text's)",
    )
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None, *, prog: str = "tandem clarity") -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read(args.max_bytes + 1)
            name = "stdin"
        else:
            path = Path(args.file)
            if path.is_file() and path.stat().st_size > args.max_bytes:
                raise ExtractionError(
                    "too_large",
                    size=f"{path.stat().st_size / 1048576:.1f}",
                    limit=f"{args.max_bytes / 1048576:.1f}",
                )
            data = path.read_bytes()
            name = path.name
        document = extract_text(data, name, max_bytes=args.max_bytes)
    except ExtractionError as error:
        print(f"{prog}: {args.file}: {error.message(args.ui or 'en')}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{prog}: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    if args.format == "docx" and (document.format != "docx" or not args.output):
        print(f"{prog}: {args.file}: {message('docx_only', args.ui or 'en')}", file=sys.stderr)
        return 2
    report = analyze(
        document.text,
        language=args.lang,
        document_kind=args.kind,
        category=args.category,
        interface_language=args.ui,
    )
    if report.too_short and args.format != "docx":  # the commented DOCX holds no score
        print(f"{prog}: {args.file}: {report.too_short_message}", file=sys.stderr)
        return 2
    if args.format == "docx":
        from .docx_comments import annotate_docx, summary

        annotated, placed = annotate_docx(data, report)
        try:
            Path(args.output).write_bytes(annotated)
        except OSError as error:
            print(f"{prog}: {args.output}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(summary(placed, len(report.findings), report.interface_language), file=sys.stderr)
        return 0
    if args.format == "json":
        data = report.to_dict()
        if document.paragraphs:  # DOCX, ODT: the paragraph or table row of each finding
            for finding in data["findings"]:
                where = document.paragraph_at(finding["original"]["start"])
                finding["original"]["paragraph"] = where
        output = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from .html import render_html

        output = render_html(report, title=None)
    else:
        output = render_text(report)
    if args.output:
        try:
            Path(args.output).write_text(output, encoding="utf-8")
        except OSError as error:
            print(f"{prog}: {args.output}: {error.strerror or error}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(output)
    return 0


def render_text(report: Report) -> str:
    """A plain-text summary for the terminal."""
    ui = report.interface_language
    fr = ui == "fr"
    # French typography: a narrow no-break space before ":" and inside the quotation marks.
    colon = "\u202f:" if fr else ":"
    left, right = ("«\u202f", "\u202f»") if fr else ("“", "”")
    data = report.to_dict()
    stats = data["stats"]
    assert isinstance(stats, dict)
    lines = [
        ("Rapport de clarté" if fr else "Clarity report")
        + f" — {report.language}, {report.document_kind}"
        + (
            (" (déduit du texte)" if fr else " (inferred from the text)")
            if report.document_kind_inferred
            else ""
        )
        + (f", {report.category}" if report.category else ""),
        (
            (report.too_short_message or "")
            if report.score is None
            else ("Indicateur global" if fr else "Overall indicator")
            + f"{colon} {report.score}/100 ("
            + ("repère, pas une note" if fr else "a guide, not a pass or fail")
            + ")"
        ),
        ("Mots" if fr else "Words")
        + f"{colon} {stats['words']}, "
        + ("phrases" if fr else "sentences")
        + f"{colon} {stats['sentences']}, "
        + ("mots par phrase" if fr else "words per sentence")
        + f"{colon} {stats['avg_words_per_sentence']}, "
        + ("lecture" if fr else "reading")
        + f"{colon} {report.reading_minutes:g} min",
        "",
        "Lisibilité" if fr else "Readability",
    ]
    for formula in report.readability:
        value = "—" if formula.value is None else f"{formula.value:g}"
        extra = formula.band or formula.note or ""
        lines.append(f"  {formula.formula}{colon} {value} ({extra})")
    lines += ["", ("Remarques" if fr else "Findings") + f" ({len(report.findings)})"]
    for number, finding in enumerate(report.findings, start=1):
        excerpt = finding.text if len(finding.text) <= 70 else finding.text[:67] + "…"
        lines.append(
            f"  {number}. [{finding.severity}] {finding.kind} @{finding.start}-{finding.end}"
            f" {left}{excerpt}{right}"
        )
        lines.append(f"     {finding.message}")
        if finding.suggestions:
            lines.append("     → " + " | ".join(finding.suggestions))
    lines += ["", "Éléments attendus" if fr else "Required elements"]
    words = _KIND_WORDS["fr" if fr else "en"]
    for item in report.checklist:
        lines.append(f"  [{words[item.status]}] {item.id}{colon} {item.label}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
