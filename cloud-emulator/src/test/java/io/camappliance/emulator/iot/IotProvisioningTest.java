package io.camappliance.emulator.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.camappliance.emulator.EmulatorMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IotProvisioningTest {
  @TempDir Path data;
  @TempDir Path out;

  @Test
  void createsEverythingTheDeviceNeeds() throws Exception {
    ProvisionedDevice d =
        IotProvisioning.provision(data, "cam-1", "CamAlias", KeyType.EC, KeyFormat.PKCS8, out);

    assertThat(d.caFile()).isEqualTo(out.resolve("ca.pem"));
    assertThat(d.certificateFile()).isEqualTo(out.resolve("device.pem"));
    assertThat(d.privateKeyFile()).isEqualTo(out.resolve("device.key"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.privateKeyFile())))
        .isEqualTo("rw-------");
    IotRegistry r = IotRegistry.open(data.resolve("iot"));
    assertThat(r.isAttached("cam-1", d.certificateId())).isTrue();
    assertThat(r.certificate(d.certificateId()).orElseThrow().status())
        .isEqualTo(CertificateStatus.ACTIVE);
    RoleAlias alias = r.roleAlias("CamAlias").orElseThrow();
    assertThat(alias.credentialDurationSeconds()).isEqualTo(RoleAlias.DEFAULT_DURATION_SECONDS);
    assertThat(alias.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/CamAlias");
    Pem.certificate(Files.readString(d.certificateFile()))
        .verify(Pem.certificate(Files.readString(d.caFile())).getPublicKey());
  }

  @Test
  void provisioningAgainKeepsTheIdentityAndRewritesTheKeyInTheAskedFormat() throws Exception {
    ProvisionedDevice first =
        IotProvisioning.provision(data, "cam-1", "A", KeyType.RSA, KeyFormat.PKCS8, out);
    ProvisionedDevice second =
        IotProvisioning.provision(data, "cam-1", "A", KeyType.RSA, KeyFormat.TRADITIONAL, out);
    assertThat(second.certificateId()).isEqualTo(first.certificateId());
    assertThat(Files.readString(second.privateKeyFile()))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void aRevokedOrDifferentlyTypedIdentityIsReplaced() throws Exception {
    ProvisionedDevice first =
        IotProvisioning.provision(data, "cam-1", "A", KeyType.EC, KeyFormat.PKCS8, out);
    ProvisionedDevice rsa =
        IotProvisioning.provision(data, "cam-1", "A", KeyType.RSA, KeyFormat.PKCS8, out);
    IotRegistry.open(data.resolve("iot"))
        .setCertificateStatus(rsa.certificateId(), CertificateStatus.REVOKED);
    ProvisionedDevice third =
        IotProvisioning.provision(data, "cam-1", "A", KeyType.RSA, KeyFormat.PKCS8, out);

    assertThat(rsa.certificateId()).isNotEqualTo(first.certificateId());
    assertThat(third.certificateId()).isNotIn(first.certificateId(), rsa.certificateId());
    assertThat(IotRegistry.open(data.resolve("iot")).principalsOf("cam-1")).hasSize(3);
  }

  @Test
  void provisionSubcommandWritesTheFilesAndPrintsTheEndpoint() throws Exception {
    StringWriter printed = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new EmulatorMain())
            .setOut(new PrintWriter(printed))
            .setErr(new PrintWriter(err))
            .execute(
                "provision",
                "--data-dir",
                data.toString(),
                "--thing",
                "cam-1",
                "--role-alias",
                "CamAlias",
                "--key-type",
                "rsa",
                "--out",
                out.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(printed.toString())
        .contains("https://localhost:4567/role-aliases/CamAlias/credentials");
    assertThat(Pem.privateKey(Files.readString(out.resolve("device.key"))).getAlgorithm())
        .isEqualTo("RSA");
    assertThat(out.resolve("ca.pem")).exists();
    assertThat(out.resolve("device.pem")).exists();
  }

  @Test
  void provisionSubcommandRefusesAnUnknownKeyType() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new EmulatorMain())
            .setErr(new PrintWriter(err))
            .execute(
                "provision",
                "--data-dir",
                data.toString(),
                "--thing",
                "cam-1",
                "--role-alias",
                "A",
                "--key-type",
                "dsa",
                "--out",
                out.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--key-type must be ec or rsa, not 'dsa'");
  }
}
