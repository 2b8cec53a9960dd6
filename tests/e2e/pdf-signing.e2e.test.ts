/**
 * The school's certificate for signing PDFs (decision 0061): the school's registrar opens "Thông tin
 * ban hành văn bản", uploads a PKCS#12 with the wrong password (the message lands under the password
 * field), then with the right one, and the card shows the certificate's subject and that it is
 * valid. The certificate is removed again at the end so that other tests see the demo as it was.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, test } from 'vitest';
import type { PdfSigningCertificate } from '@nang-tam/contracts';
import { apiGet, apiLogin, BASE_URL, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

function pkcs12(cn: string, password: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = '01' + createHash('sha1').update(cn).digest('hex').slice(0, 14);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ shortName: 'CN', value: cn }]);
  cert.setIssuer([{ shortName: 'CN', value: cn }]);
  cert.sign(key, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, password, { algorithm: 'aes256' })).getBytes(), 'binary');
}

describe('the school certificate for signing PDFs', () => {
  test('the registrar uploads a PKCS#12: a wrong password is named under its field, the right one shows the certificate', async () => {
    const ctx = await b.newContext();
    const me = await apiLogin(ctx.request, 'truong');
    const url = `/api/v1/units/${me.unit.id}/pdf-signing-certificate`;
    const before = await apiGet<PdfSigningCertificate>(ctx.request, url);
    expect(before.actions).toContain('update');
    const file = { name: 'truong.p12', mimeType: 'application/x-pkcs12', buffer: pkcs12('Truong Chinh tri tinh (e2e)', 'đúng-mật-khẩu') };
    try {
      const page = await ctx.newPage();
      await page.goto(`${BASE_URL}/document-settings`);
      await page.getByText('Chứng thư số ký tệp PDF văn bằng, chứng chỉ').waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: before.certificate ? 'Thay chứng thư số' : 'Nạp chứng thư số' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type=file]').setInputFiles(file);
      await dialog.getByText('truong.p12').waitFor({ timeout: UI_TIMEOUT });
      await dialog.getByLabel('Mật khẩu của tệp').fill('sai');
      await dialog.getByRole('button', { name: 'Nạp chứng thư số' }).click();
      await dialog.getByText('Mật khẩu của tệp chứng thư số không đúng.').waitFor({ timeout: UI_TIMEOUT });
      await dialog.getByLabel('Mật khẩu của tệp').fill('đúng-mật-khẩu');
      await dialog.getByRole('button', { name: 'Nạp chứng thư số' }).click();
      await page.getByText('CN=Truong Chinh tri tinh (e2e)').first().waitFor({ timeout: UI_TIMEOUT });
      await page.getByText('Còn hiệu lực').waitFor({ timeout: UI_TIMEOUT });
      const after = await apiGet<PdfSigningCertificate>(ctx.request, url);
      expect(after.certificate?.subject).toBe('CN=Truong Chinh tri tinh (e2e)');
      expect(JSON.stringify(after)).not.toContain('đúng-mật-khẩu');
    } finally {
      const res = await ctx.request.delete(`${BASE_URL}${url}`, { headers: { 'x-csrf-token': me.csrfToken } });
      expect(res.status()).toBe(200);
      await ctx.close();
    }
  });
});
