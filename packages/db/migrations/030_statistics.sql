-- Training statistics (issue 10, docs/decisions/0047).
--
-- The "young" age limit is a setting with its source document (there is no single legal definition
-- of "cán bộ trẻ"): one row per period of validity; the statistic uses the row in force on the
-- period's last day. Statistics themselves are computed from the records on every request (no
-- precomputed aggregates), so they need no differential maintenance.
CREATE TABLE statistics_settings (
  id           serial PRIMARY KEY,
  -- young when the age on the training's start date is below this
  young_under_age integer NOT NULL CHECK (young_under_age BETWEEN 16 AND 60),
  source       text NOT NULL CHECK (btrim(source) <> ''),
  valid_from   date NOT NULL,
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (valid_from)
);

INSERT INTO statistics_settings (young_under_age, source, valid_from) VALUES (
  35,
  'Cách báo cáo thông dụng "cán bộ trẻ" (dưới 35 tuổi) trong báo cáo đào tạo, bồi dưỡng của các tỉnh; Luật Thanh niên 2020 (Điều 1) định nghĩa thanh niên từ đủ 16 đến 30 tuổi — chưa có văn bản chung định nghĩa "cán bộ trẻ", nên đây là thiết lập có thể sửa',
  '1900-01-01'
);

