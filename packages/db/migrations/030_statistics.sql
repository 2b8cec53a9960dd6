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

-- The first row is the product's one "young cadre" threshold (domain needs.YOUNG_CADRE_DEFINITION).
INSERT INTO statistics_settings (young_under_age, source, valid_from) VALUES (
  35,
  'Ngưỡng "cán bộ trẻ" dưới 35 tuổi dùng thống nhất trong bộ lọc và báo cáo của hệ thống (theo cách các tỉnh thống kê cán bộ trẻ trong báo cáo đào tạo, bồi dưỡng). Chưa đối chiếu được với một văn bản quy phạm: Chỉ thị 35-CT/TW (2019) tính cấp ủy viên trẻ là dưới 40 tuổi (cấp tỉnh, huyện); Luật Thanh niên 2020 tính thanh niên từ 16 đến 30 tuổi. Ban Tổ chức có thể đổi ngưỡng ở đây.',
  '1900-01-01'
);
