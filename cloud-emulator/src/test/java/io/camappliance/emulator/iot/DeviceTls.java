package io.camappliance.emulator.iot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A Java device's view: an SSLContext from the PEM files provisioning wrote. */
public final class DeviceTls {
  private DeviceTls() {}

  /** Client key and certificate from the files (or none when {@code cert} is null), CA trust. */
  public static SSLContext sslContext(Path cert, Path key, Path ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.certificate(Files.readString(ca)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (cert != null) {
      X509Certificate c = Pem.certificate(Files.readString(cert));
      PrivateKey k = Pem.privateKey(Files.readString(key));
      keys.setKeyEntry("device", k, new char[0], new Certificate[] {c});
    }
    kmf.init(keys, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  public static HttpResponse<String> get(SSLContext ctx, URI uri, String thing)
      throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (thing != null) {
      r.header("x-amzn-iot-thingname", thing);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
