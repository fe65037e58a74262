-- jixiao SQLite schema. One file holds every imported report, what was extracted from it and the flags.
-- Every extracted row links to its document (documents.id) and keeps its provenance:
-- section (path of headings), page (PDF), line (text), block (DOCX), sheet and range (XLSX), and the raw text.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per distinct file content (sha256); importing the same bytes again changes nothing.
CREATE TABLE IF NOT EXISTS documents (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  file        TEXT NOT NULL,           -- base name, e.g. xihu-2022-dept-self-eval.pdf
  path        TEXT NOT NULL,           -- path as imported
  format      TEXT NOT NULL,           -- txt, md, pdf, docx, xlsx (doc/xls after conversion keep their own)
  pages       INTEGER,
  unit        TEXT,
  region      TEXT,
  year        INTEGER,
  report_type TEXT NOT NULL,
  title       TEXT,
  imported_at TEXT NOT NULL,
  scope       TEXT,                    -- department (consolidated 部门) | unit (one 预算单位) | null: not said
  consolidates TEXT NOT NULL DEFAULT '[]' -- JSON array: the units a consolidated document names as its own
);

CREATE TABLE IF NOT EXISTS sections (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,        -- section id within the document
  parent_ord  INTEGER,
  style       TEXT NOT NULL,           -- numbering style: cn 一、, paren-cn （一）, arabic 1. …
  number      TEXT,
  title       TEXT NOT NULL,
  depth       INTEGER NOT NULL,
  path        TEXT NOT NULL,
  source      TEXT NOT NULL,           -- JSON provenance
  PRIMARY KEY (document_id, ord)
);

-- The document's text, block by block, for evidence and review.
CREATE TABLE IF NOT EXISTS blocks (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  kind        TEXT NOT NULL,           -- paragraph | table
  text        TEXT NOT NULL,           -- paragraph text, or table rows as tab-separated lines
  section_ord INTEGER,
  source      TEXT NOT NULL,           -- JSON provenance
  json        TEXT NOT NULL,           -- the whole block as the parser produced it (tables: cells with spans)
  PRIMARY KEY (document_id, ord)
);

CREATE TABLE IF NOT EXISTS figures (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,           -- vocabulary key, e.g. expenditure.basic
  phase       TEXT NOT NULL,           -- budget | adjusted | final
  value_yuan  REAL NOT NULL,
  year        INTEGER,                 -- null: the report's own year
  label       TEXT NOT NULL,
  raw         TEXT NOT NULL,
  section     TEXT NOT NULL,
  page        INTEGER,
  line        INTEGER,
  source      TEXT NOT NULL,
  box         TEXT                     -- JSON {x0,y0,x1,y1}: where on `page` the value is drawn (PDF); null: not known
);
CREATE INDEX IF NOT EXISTS figures_doc_key ON figures(document_id, key, phase);

CREATE TABLE IF NOT EXISTS indicators (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL,       -- order in the document
  project      TEXT,
  level1       TEXT,
  level2       TEXT,
  level3       TEXT NOT NULL,
  comparator   TEXT,
  target       TEXT,
  target_value REAL,
  target_unit  TEXT,
  actual       TEXT,
  actual_value REAL,
  weight       REAL,
  score        REAL,
  self_score   REAL,
  columns      TEXT NOT NULL,          -- which of weight,score,selfScore the source table has
  raw          TEXT NOT NULL,
  section      TEXT NOT NULL,
  page         INTEGER,
  line         INTEGER,
  source       TEXT NOT NULL,
  box         TEXT                     -- JSON {x0,y0,x1,y1}: where on `page` the value is drawn (PDF); null: not known
);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(document_id, ord);

CREATE TABLE IF NOT EXISTS scores (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  scope       TEXT NOT NULL,           -- document | section | project
  kind        TEXT NOT NULL,           -- self | review
  name        TEXT,
  value       REAL,
  max         REAL,
  grade       TEXT,
  raw         TEXT NOT NULL,
  section     TEXT NOT NULL,
  page        INTEGER,
  line        INTEGER,
  source      TEXT NOT NULL,
  box         TEXT                     -- JSON {x0,y0,x1,y1}: where on `page` the value is drawn (PDF); null: not known
);

CREATE TABLE IF NOT EXISTS projects (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  code           TEXT,
  name           TEXT NOT NULL,
  budget_yuan    REAL,
  adjusted_yuan  REAL,
  executed_yuan  REAL,
  execution_rate REAL,
  score          REAL,
  raw            TEXT NOT NULL,
  section        TEXT NOT NULL,
  page           INTEGER,
  line           INTEGER,
  source         TEXT NOT NULL,
  box         TEXT                     -- JSON {x0,y0,x1,y1}: where on `page` the value is drawn (PDF); null: not known
);

-- The standard budget and 决算 tables read as statements (schemas/statements.ts), one row per table.
-- json holds the whole statement as read (rows with code, name, level, parent, values and cells as printed,
-- columns outside the vocabulary, warnings) so re-checks see the table as read; the columns beside it are
-- for queries, and the queryable unit is line_items.
CREATE TABLE IF NOT EXISTS statements (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,        -- order in the document
  kind        TEXT NOT NULL,           -- summary | income | expenditure | general_by_function | …
  title       TEXT NOT NULL,           -- as printed
  number      TEXT,                    -- 表5, 公开03表 …
  money_unit  TEXT NOT NULL,           -- 元 | 万元 | 亿元, as the table states it
  entity      TEXT,                    -- 单位名称：… in the table header
  columns     TEXT NOT NULL,           -- JSON array of {index, header, measure, phase, side, year}
  empty_note  TEXT,                    -- the 空表说明, where the document says the table is empty
  page        INTEGER,
  page_end    INTEGER,                 -- last page, for a table continued over page breaks
  section     TEXT NOT NULL,
  source      TEXT NOT NULL,           -- JSON provenance
  json        TEXT NOT NULL,           -- the statement as read (schemas/statements.ts)
  PRIMARY KEY (document_id, ord)
);

-- One row × money column of a statement: the unit researchers query ("行政运行 by department and year").
-- value_yuan is in yuan whatever the table's unit; raw is the cell as printed (in money_unit).
CREATE TABLE IF NOT EXISTS line_items (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  statement_ord   INTEGER,             -- statements.ord; null only if no stored statement holds this cell
  statement       TEXT NOT NULL,       -- the statement's kind
  statement_title TEXT NOT NULL,
  code            TEXT,                -- classification code, digits only (201, 20101, 2010101)
  name            TEXT NOT NULL,
  level           INTEGER,             -- 1 类, 2 款, 3 项, 0 合计
  parent_code     TEXT,
  entity          TEXT,                -- the unit the row belongs to, null: the document's own
  measure         TEXT NOT NULL,       -- total | basic | project | personnel | public | fiscal …
  phase           TEXT NOT NULL,       -- budget | adjusted | final
  year            INTEGER,             -- null: the report's own year
  value_yuan      REAL NOT NULL,
  money_unit      TEXT NOT NULL,
  raw             TEXT NOT NULL,       -- the cell as printed
  row             INTEGER NOT NULL,    -- row and column in the statement
  col             INTEGER NOT NULL,
  page            INTEGER,
  section         TEXT NOT NULL,
  source          TEXT NOT NULL,
  box         TEXT                     -- JSON {x0,y0,x1,y1}: where on `page` the value is drawn (PDF); null: not known
);
CREATE INDEX IF NOT EXISTS line_items_doc ON line_items(document_id, statement_ord, row, col);
CREATE INDEX IF NOT EXISTS line_items_name ON line_items(statement, name, measure, phase);
CREATE INDEX IF NOT EXISTS line_items_code ON line_items(statement, code, measure, phase);

-- Consistency flags. document_id is the report flagged; cross-report flags name it too.
CREATE TABLE IF NOT EXISTS flags (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  scope       TEXT NOT NULL,           -- document | across
  category    TEXT NOT NULL,           -- arithmetic | ratio | conflict | score | target | entity | year
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  message     TEXT NOT NULL,
  formula     TEXT,
  stated      REAL,
  computed    REAL,
  tolerance   REAL,
  evidence    TEXT NOT NULL            -- JSON array of {text, file, section, source}; source.box: where on source.page it is drawn (PDF)
);
CREATE INDEX IF NOT EXISTS flags_doc ON flags(document_id);

-- What parsing, extraction and validation said about a document (warnings collected, not thrown).
CREATE TABLE IF NOT EXISTS messages (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  level       TEXT NOT NULL,
  rule        TEXT NOT NULL,
  text        TEXT NOT NULL,
  source      TEXT
);

-- Analyst review. Keyed by the document's sha256 and a stable identity of the record (never by row id),
-- so corrections and flag decisions survive re-importing the same files and re-running the checks.
-- record_key: figure "key|phase|year|value" (value = extracted yuan), indicator "project|level3|n",
-- score "scope|kind|name|n", project "code|name|n" (n: occurrence of the same identity in the document).
CREATE TABLE IF NOT EXISTS corrections (
  sha256          TEXT NOT NULL,       -- documents.sha256 (no foreign key: kept when a document is deleted and re-imported)
  record          TEXT NOT NULL,       -- figure | indicator | score | project
  record_key      TEXT NOT NULL,
  field           TEXT NOT NULL,       -- stored column corrected, e.g. value_yuan, actual_value, score, grade
  value_original  ANY,                 -- the extracted value when the correction was made
  value_corrected ANY,
  reason          TEXT,
  corrected_by    TEXT NOT NULL,
  corrected_at    TEXT NOT NULL,       -- ISO 8601
  PRIMARY KEY (sha256, record, record_key, field)
);

-- An analyst's decision on a flag. flag_key: the rule plus the evidence texts and stated value, hashed.
CREATE TABLE IF NOT EXISTS flag_reviews (
  sha256       TEXT NOT NULL,
  flag_key     TEXT NOT NULL,
  status       TEXT NOT NULL,          -- confirmed | dismissed
  reason       TEXT,
  rule         TEXT NOT NULL,
  message      TEXT NOT NULL,          -- the flag's message when reviewed
  reviewed_by  TEXT NOT NULL,
  reviewed_at  TEXT NOT NULL,
  PRIMARY KEY (sha256, flag_key)
);

-- Every review action, in order, never rewritten: who did what when.
CREATE TABLE IF NOT EXISTS review_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  by         TEXT NOT NULL,
  action     TEXT NOT NULL,            -- correct | revert | confirm | dismiss | reopen
  sha256     TEXT NOT NULL,
  record     TEXT NOT NULL,            -- figure | indicator | score | project | flag
  record_key TEXT NOT NULL,
  field      TEXT,
  value      ANY,
  reason     TEXT
);
