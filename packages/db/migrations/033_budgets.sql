-- Budgets of plan lines and classes (issue 11 point 2, docs/decisions/0050): lecturers' rates as data,
-- an estimate by category (lecturers' fees from the rates, per-learner support, venue, materials,
-- other), and the actual cost as dated entries with their document number. Every amount is whole đồng.

-- Lecturers' fees per session (buổi = 4 tiết) by lecturer category, with their source document and
-- effective period. A new circular is a new row with its own effective_from; the old row gets its
-- effective_to. The maximum the circular allows is recorded; a province may pay less.
CREATE TABLE lecturer_rates (
  id             serial PRIMARY KEY,
  category       text NOT NULL,
  label          text NOT NULL,
  amount         bigint NOT NULL CHECK (amount > 0),
  per            text NOT NULL DEFAULT 'session' CHECK (per IN ('session', 'day')),
  source_code    text NOT NULL,
  source_title   text NOT NULL,
  effective_from date NOT NULL,
  effective_to   date,
  note           text,
  UNIQUE (category, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- Thông tư 36/2018/TT-BTC (30/3/2018, hiệu lực 15/5/2018), Điều 5: mức chi tối đa thù lao giảng viên,
-- báo cáo viên (đã bao gồm soạn giáo án), đồng/buổi (buổi 4 tiết). Thông tư 06/2023/TT-BTC sửa đổi,
-- bổ sung Thông tư 36/2018; the amounts below must be checked against the consolidated text
-- (docs/decisions/0050): when they differ, a new row per category with the amended amount.
INSERT INTO lecturer_rates (category, label, amount, source_code, source_title, effective_from, note) VALUES
  ('central_leader', 'Ủy viên Trung ương Đảng; Bộ trưởng, Bí thư Tỉnh ủy và tương đương', 2000000, '36/2018/TT-BTC',
   'Thông tư hướng dẫn lập dự toán, quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức', '2018-05-15', 'Mức tối đa. Cần đối chiếu văn bản gốc và Thông tư 06/2023/TT-BTC.'),
  ('provincial_leader', 'Thứ trưởng; Chủ tịch HĐND, UBND, Phó Bí thư Tỉnh ủy và tương đương; Giáo sư; Chuyên gia cao cấp; Tiến sĩ khoa học', 1500000, '36/2018/TT-BTC',
   'Thông tư hướng dẫn lập dự toán, quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức', '2018-05-15', 'Mức tối đa. Cần đối chiếu văn bản gốc và Thông tư 06/2023/TT-BTC.'),
  ('senior', 'Phó Chủ tịch HĐND, UBND tỉnh; Ủy viên Ban Thường vụ Tỉnh ủy; Cục trưởng, Vụ trưởng và tương đương; Phó Giáo sư; Tiến sĩ; Giảng viên chính', 1200000, '36/2018/TT-BTC',
   'Thông tư hướng dẫn lập dự toán, quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức', '2018-05-15', 'Mức tối đa. Cần đối chiếu văn bản gốc và Thông tư 06/2023/TT-BTC.'),
  ('provincial_staff', 'Giảng viên, báo cáo viên còn lại công tác ở cơ quan, đơn vị Trung ương và cấp tỉnh', 1000000, '36/2018/TT-BTC',
   'Thông tư hướng dẫn lập dự toán, quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức', '2018-05-15', 'Mức tối đa. Cần đối chiếu văn bản gốc và Thông tư 06/2023/TT-BTC.'),
  ('local_staff', 'Giảng viên, báo cáo viên công tác ở cấp huyện, cấp xã', 500000, '36/2018/TT-BTC',
   'Thông tư hướng dẫn lập dự toán, quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức', '2018-05-15', 'Mức tối đa. Cần đối chiếu văn bản gốc và Thông tư 06/2023/TT-BTC.');

-- The estimate of one plan line or one class (at most one each), its items frozen with the rate
-- they used (the rate as of `as_of`).
CREATE TABLE budget_estimates (
  id           serial PRIMARY KEY,
  class_id     integer UNIQUE REFERENCES classes(id) ON DELETE CASCADE,
  plan_line_id integer UNIQUE REFERENCES plan_lines(id) ON DELETE CASCADE,
  -- the day the lecturers' rates are read at (the class's first day, the plan's 1 January)
  as_of        date NOT NULL,
  -- the learners the estimate counts (per-learner support × learners)
  learners     integer NOT NULL CHECK (learners >= 0),
  total        bigint NOT NULL CHECK (total >= 0),
  note         text,
  version      integer NOT NULL DEFAULT 1,
  updated_by   integer REFERENCES users(id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((class_id IS NULL) <> (plan_line_id IS NULL))
);

-- Categories: lecturers (quantity = sessions, unit_amount = the rate), support (quantity = learners,
-- unit_amount = per learner; the support helper's policies link here), venue, materials, other.
CREATE TABLE budget_estimate_items (
  id               serial PRIMARY KEY,
  estimate_id      integer NOT NULL REFERENCES budget_estimates(id) ON DELETE CASCADE,
  category         text NOT NULL CHECK (category IN ('lecturers', 'support', 'venue', 'materials', 'other')),
  description      text NOT NULL,
  lecturer_rate_id integer REFERENCES lecturer_rates(id),
  quantity         integer NOT NULL CHECK (quantity >= 0),
  unit_amount      bigint NOT NULL CHECK (unit_amount >= 0),
  amount           bigint NOT NULL CHECK (amount >= 0),
  sort_order       integer NOT NULL DEFAULT 0,
  CHECK (amount = quantity::bigint * unit_amount),
  CHECK ((category = 'lecturers') = (lecturer_rate_id IS NOT NULL))
);
CREATE INDEX budget_estimate_items_estimate_idx ON budget_estimate_items (estimate_id, sort_order);

-- What was actually spent: one entry per voucher (chứng từ).
CREATE TABLE budget_cost_entries (
  id           serial PRIMARY KEY,
  class_id     integer REFERENCES classes(id) ON DELETE CASCADE,
  plan_line_id integer REFERENCES plan_lines(id) ON DELETE CASCADE,
  category     text NOT NULL CHECK (category IN ('lecturers', 'support', 'venue', 'materials', 'other')),
  spent_on     date NOT NULL,
  amount       bigint NOT NULL CHECK (amount > 0),
  document_no  text NOT NULL,
  description  text,
  recorded_by  integer REFERENCES users(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((class_id IS NULL) <> (plan_line_id IS NULL))
);
CREATE INDEX budget_cost_entries_class_idx ON budget_cost_entries (class_id) WHERE class_id IS NOT NULL;
CREATE INDEX budget_cost_entries_line_idx ON budget_cost_entries (plan_line_id) WHERE plan_line_id IS NOT NULL;
