"""The per-site report of a batch: JSON for tools, one small HTML page for people.

Per site: pages, the share with paragraphs recycled from other pages, with in-page
repeats, with date conflicts, and the sites its recycled paragraphs also appear on
(earlier ones first: those are the likely sources). The HTML page is self-contained
(an inline SVG chart, no script, no external file), and every string from a page goes
through `html.escape`: page titles and addresses are hostile input.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.page import site_of

CHART_SITES = 25
TOP_SOURCES = 5


@dataclass
class _Site:
    pages: int = 0
    recycled: int = 0
    duplicates: int = 0
    date_conflicts: int = 0
    failed: int = 0
    sources: Counter[str] = field(default_factory=Counter)


class SiteReport:
    """Accumulates the output's final lines, one at a time (a crawl does not fit in memory)."""

    def __init__(self) -> None:
        self._sites: dict[str, _Site] = {}

    def add(self, line: dict[str, Any]) -> None:
        page = line.get("page") or {}
        site = self._sites.setdefault(site_of(page.get("url")), _Site())
        if "error" in line:
            site.failed += 1
            return
        site.pages += 1
        kinds = {a.get("type") for a in line.get("annotations") or []}
        site.recycled += "recycled" in kinds
        site.duplicates += "duplicate" in kinds
        site.date_conflicts += "date_conflict" in kinds
        for annotation in line.get("annotations") or []:
            if annotation.get("type") != "recycled":
                continue
            for place in (annotation.get("evidence") or {}).get("appears_on", []):
                days = place.get("days_earlier")
                if days is None or days >= 0:  # the other page was there first (or as early)
                    site.sources[place.get("site") or "(no address)"] += 1

    def to_json(self) -> dict[str, Any]:
        sites: list[dict[str, Any]] = []
        overall: Counter[str] = Counter()
        for name, s in self._sites.items():
            overall.update(s.sources)

            def share(n: int, s: _Site = s) -> float:
                return round(n / s.pages, 4) if s.pages else 0.0

            sites.append({
                "site": name, "pages": s.pages, "failed": s.failed,
                "pages_with_recycled": s.recycled, "share_recycled": share(s.recycled),
                "pages_with_duplicates": s.duplicates, "share_duplicates": share(s.duplicates),
                "pages_with_date_conflicts": s.date_conflicts,
                "share_date_conflicts": share(s.date_conflicts),
                "top_recycled_sources": [{"site": k, "paragraphs": v}
                                         for k, v in s.sources.most_common(TOP_SOURCES)],
            })
        sites.sort(key=lambda s: (-s["pages"], s["site"]))
        return {
            "pages": sum(s["pages"] for s in sites),
            "sites": sites,
            "top_recycled_sources": [{"site": k, "paragraphs": v}
                                     for k, v in overall.most_common(TOP_SOURCES * 2)],
        }

    def write(self, json_path: Path, html_path: Path, title: str) -> dict[str, Any]:
        data = self.to_json()
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        html_path.write_text(render_html(data, title), encoding="utf-8")
        return data


def _bars(sites: list[dict[str, Any]]) -> str:
    """Horizontal bars per site: share of pages with recycled paragraphs, in-page repeats
    and date conflicts."""
    series = (("share_recycled", "#b45309", "recycled from other pages"),
              ("share_duplicates", "#7c3aed", "repeats within the page"),
              ("share_date_conflicts", "#0369a1", "date conflicts"))
    label_w, bar_w, row_h, bar_h = 220, 360, 16 * len(series) + 10, 14
    height = 30 + row_h * len(sites)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + 3 * 200}" '
           f'height="{height}" role="img" aria-labelledby="chart-title">',
           '<title id="chart-title">Share of each site\'s pages with findings</title>']
    for i, (_, color, name) in enumerate(series):
        x = label_w + i * 200
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="13" font-size="11">{html.escape(name)}</text>')
    for row, site in enumerate(sites):
        y = 26 + row * row_h
        name = site["site"] or "(no address)"
        out.append(f'<text x="{label_w - 6}" y="{y + row_h / 2}" font-size="12" '
                   f'text-anchor="end">{html.escape(name[:34])} ({site["pages"]})</text>')
        for i, (key, color, _) in enumerate(series):
            value = float(site[key])
            top = y + i * 16
            out.append(f'<rect x="{label_w}" y="{top}" width="{bar_w * value:.1f}" '
                       f'height="{bar_h}" fill="{color}"><title>{html.escape(name)}: '
                       f'{value:.0%} {key.replace("share_", "")}</title></rect>'
                       f'<text x="{label_w + bar_w * value + 4:.1f}" y="{top + 11}" '
                       f'font-size="10">{value:.0%}</text>')
    out.append("</svg>")
    return "".join(out)


def render_html(data: dict[str, Any], title: str) -> str:
    esc = html.escape
    rows = []
    for s in data["sites"]:
        sources = ", ".join(f"{esc(t['site'])} ({t['paragraphs']})"
                            for t in s["top_recycled_sources"]) or "—"
        rows.append(
            f"<tr><td>{esc(s['site'] or '(no address)')}</td><td>{s['pages']}</td>"
            f"<td>{s['share_recycled']:.0%}</td><td>{s['share_duplicates']:.0%}</td>"
            f"<td>{s['share_date_conflicts']:.0%}</td><td>{s['failed']}</td>"
            f"<td>{sources}</td></tr>")
    top = "".join(f"<li>{esc(t['site'])}: {t['paragraphs']} paragraph"
                  f"{'' if t['paragraphs'] == 1 else 's'}</li>"
                  for t in data["top_recycled_sources"]) or "<li>none</li>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{esc(title)}</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:72rem;color:#1f2937}}
table{{border-collapse:collapse;margin-top:1rem}}td,th{{border-bottom:1px solid #ddd;
padding:.3rem .6rem;text-align:left}}td:nth-child(n+2):nth-child(-n+6){{text-align:right}}
svg text{{fill:#1f2937}}
</style></head><body>
<h1>{esc(title)}</h1>
<p>{data['pages']} pages on {len(data['sites'])} sites.</p>
<h2>Sites with the most pages</h2>
{_bars(data['sites'][:CHART_SITES])}
<h2>Where recycled paragraphs also appear</h2><ol>{top}</ol>
<h2>Every site</h2>
<table><thead><tr><th>site</th><th>pages</th><th>recycled</th><th>in-page repeats</th>
<th>date conflicts</th><th>failed</th><th>recycled paragraphs also on</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
</body></html>
"""


def build(lines: Iterable[dict[str, Any]]) -> SiteReport:
    report = SiteReport()
    for line in lines:
        report.add(line)
    return report
