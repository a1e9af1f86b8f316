-- Administrative divisions by name: the 6/9/12-digit codes every org, post and case carries, with
-- the Chinese name people know them by (县 → 乡镇（街道） → 村（居）), so lists and pickers can say
-- 城关镇 instead of 370999001. Loaded from a data file (config/orgUnitsFile.ts) by `npm start` and
-- `npm run org-units`; a code without a row is shown as its code. `source` says where each name comes
-- from (a statistics-bureau release, or a demo file), `effective_from` since when it holds.
CREATE TABLE org_units (
  code           text        PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
  name_zh        text        NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 64),
  level          text        NOT NULL CHECK (level IN ('county', 'township', 'village')),
  -- The enclosing division's code (a county's city is not kept: null above county level).
  parent_code    text,
  source         text        NOT NULL,
  effective_from date        NOT NULL,
  loaded_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (length(code) = CASE level WHEN 'county' THEN 6 WHEN 'township' THEN 9 ELSE 12 END),
  CHECK ((level = 'county') = (parent_code IS NULL)),
  CHECK (parent_code IS NULL OR code LIKE parent_code || '%')
);
-- A picker asks for the children of one code.
CREATE INDEX org_units_parent ON org_units (parent_code, code);
