package io.camappliance.emulator.sigv4;

import io.camappliance.emulator.Emulator;
import io.camappliance.emulator.EmulatorSettings;
import java.net.http.HttpResponse;

/** Requests signed with the emulator's static key, for tests in other packages. */
public final class TestRequests {
  private TestRequests() {}

  public static HttpResponse<String> signedPost(Emulator emulator, String path, String body)
      throws Exception {
    SdkSigner s =
        new SdkSigner(
            EmulatorSettings.DEFAULT_ACCESS_KEY_ID, EmulatorSettings.DEFAULT_SECRET_ACCESS_KEY);
    return SdkSigner.send(s.sign(emulator.endpoint(), path, body), body);
  }
}
