-- Printed documents (decision 0034): how an organisation (a unit) signs the documents generated from
-- its records (decisions, summons, class lists, registers). One row per unit that has changed the
-- defaults; a unit without a row uses defaults derived from its name and its parent's.
CREATE TABLE document_settings (
  unit_id          integer PRIMARY KEY REFERENCES units(id),
  -- 'state': national motto block (Nghị định 30/2020/NĐ-CP); 'party': 'ĐẢNG CỘNG SẢN VIỆT NAM' (Hướng dẫn 36-HD/VPTW)
  header_style     text NOT NULL CHECK (header_style IN ('state', 'party')),
  -- cơ quan chủ quản (printed above the issuing body; empty for none)
  parent_body      text NOT NULL,
  -- cơ quan ban hành
  issuing_body     text NOT NULL,
  -- the issuing body's abbreviation in a document's symbol: 'Số: 12/QĐ-TCT'
  symbol           text NOT NULL,
  -- địa danh on the place and date line
  place            text NOT NULL,
  -- quyền hạn of the signer ('KT.', 'TL.', 'Q.' …; empty when the head signs)
  signer_authority text NOT NULL,
  signer_title     text NOT NULL,
  signer_name      text NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  updated_by       integer REFERENCES users(id),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
