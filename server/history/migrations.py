"""The history database's schema, as numbered migrations.

Migration N takes a database at `PRAGMA user_version` N-1 to N. They only ever add:
a migration that has shipped is never edited, because databases written by it exist.
A database whose user_version is higher than the last number here was written by a
newer newslint, and is refused rather than touched.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    number: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "0001_initial", """
        -- One row per address; pages without an address (standard input) are each their own.
        CREATE TABLE IF NOT EXISTS pages (
            id INTEGER PRIMARY KEY,
            url TEXT UNIQUE,
            site TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            first_analyzed TEXT NOT NULL,
            last_analyzed TEXT NOT NULL,
            latest_analysis INTEGER
        );
        -- Every analysis of a page is kept: the blocks as analysed and the whole response.
        CREATE TABLE IF NOT EXISTS analyses (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            analyzed_at TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            blocks TEXT NOT NULL,
            response TEXT NOT NULL,
            counts TEXT NOT NULL DEFAULT '{}',
            findings INTEGER NOT NULL DEFAULT 0
        );
        -- The annotations again, one row each, so lists filter and count by kind.
        CREATE TABLE IF NOT EXISTS findings (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            rule TEXT NOT NULL,
            block TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS pages_by_last ON pages(last_analyzed);
        CREATE INDEX IF NOT EXISTS pages_by_site ON pages(site, last_analyzed);
        CREATE INDEX IF NOT EXISTS analyses_by_page ON analyses(page_id, analyzed_at);
        CREATE INDEX IF NOT EXISTS findings_by_analysis ON findings(analysis_id, type);
        CREATE INDEX IF NOT EXISTS findings_by_type ON findings(type, analysis_id);
    """),
    Migration(2, "0002_full_text_search", """
        -- Full-text search over each page's title and the text of its latest analysis.
        CREATE VIRTUAL TABLE IF NOT EXISTS page_text USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO page_text(rowid, title, body)
            SELECT p.id, a.title,
                   (SELECT group_concat(json_extract(b.value, '$.text'), char(10))
                      FROM json_each(a.blocks) AS b)
              FROM pages AS p JOIN analyses AS a ON a.id = p.latest_analysis;
    """),
    Migration(3, "0003_paragraph_signatures", """
        -- Each analysed paragraph's MinHash signature (history/recycled.py), so the history
        -- can tell where else a paragraph appeared without reading every page again.
        CREATE TABLE IF NOT EXISTS paragraphs (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
            block TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            digest BLOB NOT NULL,
            signature BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS paragraphs_by_analysis ON paragraphs(analysis_id);
        -- Analyses kept before this migration get their signatures when first needed.
        ALTER TABLE analyses ADD COLUMN paragraphs_indexed INTEGER NOT NULL DEFAULT 0;
    """),
    Migration(4, "0004_findings_on_pages", """
        -- How many findings each page's latest run has, on the page's own row: counting,
        -- filtering and charting the list then reads the small pages rows only, never the
        -- analyses rows with their blocks and whole responses (at 10,000 pages, that read
        -- was most of the time of the first screen).
        ALTER TABLE pages ADD COLUMN findings INTEGER NOT NULL DEFAULT 0;
        UPDATE pages SET findings = coalesce(
            (SELECT a.findings FROM analyses AS a WHERE a.id = pages.latest_analysis), 0);
        -- The charts' groupings, read from indexes alone (store.stats groups by exactly
        -- this expression).
        CREATE INDEX IF NOT EXISTS pages_by_day
            ON pages(substr(last_analyzed, 1, 10), findings, latest_analysis);
        CREATE INDEX IF NOT EXISTS pages_by_site_findings ON pages(site, findings);
    """),
    Migration(5, "0005_search_prefixes", """
        -- The history UI searches as one types, so its first queries are one- and two-letter
        -- prefixes ("p"*), which FTS5 otherwise answers by merging the lists of every word
        -- they start (~40 ms per 10,000 pages, each of the list's and the charts' queries).
        -- Prefix indexes answer them at once, for about a tenth more index. FTS5 cannot
        -- change its options in place: the index is built anew and takes the old one's name.
        CREATE VIRTUAL TABLE page_text_prefixed USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
        );
        INSERT INTO page_text_prefixed(rowid, title, body)
            SELECT rowid, title, body FROM page_text;
        DROP TABLE page_text;
        ALTER TABLE page_text_prefixed RENAME TO page_text;
    """),
)

LATEST = MIGRATIONS[-1].number
