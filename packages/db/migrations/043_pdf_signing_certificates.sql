-- The school's own certificate for signing PDF files (PAdES, decision 0061): one per unit, uploaded
-- as PKCS#12 by the unit's registrar, board or administrator. What is kept is what signing needs:
-- the private key (PKCS#8 PEM, encrypted with the uploaded password when there is one), that
-- password, and the certificate chain; the rest describes the certificate for the settings page and
-- the audit record (subject, issuer, serial, validity, SHA-256 fingerprint). The key and the password
-- never leave the server: no API answer or audit record carries them.

CREATE TABLE pdf_signing_certificates (
  unit_id          integer PRIMARY KEY REFERENCES units(id),
  private_key_pem  text NOT NULL,
  passphrase       text NOT NULL,
  -- the signer's certificate first, then the rest of the chain found in the PKCS#12 (PEM, concatenated)
  chain_pem        text NOT NULL,
  subject          text NOT NULL,
  issuer           text NOT NULL,
  serial_number    text NOT NULL,
  not_before       timestamptz NOT NULL,
  not_after        timestamptz NOT NULL,
  fingerprint      text NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  updated_by       integer REFERENCES users(id),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (not_after > not_before)
);
