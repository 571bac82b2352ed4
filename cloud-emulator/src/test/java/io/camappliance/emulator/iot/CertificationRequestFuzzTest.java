package io.camappliance.emulator.iot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate request is the one PEM the emulator takes from a device ({@code
 * CreateCertificateFromCsr}); anything sent must end in a certificate or an
 * IllegalArgumentException, never another exception.
 */
class CertificationRequestFuzzTest {
  @TempDir static Path dir;
  private static CertificateAuthority ca;

  private static synchronized CertificateAuthority ca() throws IOException {
    if (ca == null) {
      ca = CertificateAuthority.openOrCreate(Files.createDirectories(dir.resolve("ca")));
    }
    return ca;
  }

  @FuzzTest(maxDuration = "10s")
  void issuesOnlyForWellFormedSignedRequests(String pem) throws IOException {
    if (pem == null) {
      return; // Jazzer's null String; the API takes text
    }
    CertificateAuthority authority = ca();
    try {
      PKCS10CertificationRequest csr = Pem.certificationRequest(pem);
      authority.issueDevice(csr);
    } catch (IllegalArgumentException expected) {
      // refused with a message, never a crash
    }
  }
}
