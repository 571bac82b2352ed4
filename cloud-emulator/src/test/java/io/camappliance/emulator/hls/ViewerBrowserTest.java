package io.camappliance.emulator.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camappliance.emulator.archive.ArchiveFixture;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer page in headless Chromium: it gets an HLS session from the emulator, plays it with
 * hls.js, and the video element decodes a frame of the uploaded size.
 */
@Timeout(90)
class ViewerBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private static ArchiveFixture f;
  private static String stream;

  @BeforeAll
  static void upload() throws Exception {
    f = new ArchiveFixture(dir);
    Path mkv = dir.resolve("clip.mkv");
    assumeTrue(ArchiveFixture.h264Mkv(mkv, 320, 240), "ffmpeg with libx264 is not available");
    stream = f.newStream(24);
    f.upload(stream, mkv, new Date());
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void theViewerPageServesHlsJsAndASessionUrl() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> js =
        http.send(
            HttpRequest.newBuilder(URI.create(f.emulator.endpoint() + "/viewer/hls.min.js"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).contains("Hls");
    HttpResponse<String> session =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(f.emulator.endpoint() + "/viewer/session?stream=" + stream))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body()).contains("/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=");
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(f.emulator.endpoint() + "/viewer/session?stream=nope"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void chromiumPlaysTheUploadedStreamAtItsSize() throws Exception {
    assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "no Chromium/chromedriver");
    Path profile = Files.createTempDirectory(dir, "chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--autoplay-policy=no-user-gesture-required",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.get(f.emulator.endpoint() + "/viewer?stream=" + stream);
      JavascriptExecutor js = driver;
      String probe =
          "var v = document.getElementById('video');"
              + "return [v.readyState, v.videoWidth, v.videoHeight,"
              + " document.getElementById('status').textContent];";
      List<?> state =
          new WebDriverWait(driver, Duration.ofSeconds(45))
              .withMessage(() -> "video never decoded a frame: " + js.executeScript(probe))
              .until(
                  d -> {
                    List<?> s = (List<?>) js.executeScript(probe);
                    return ((Number) s.get(0)).intValue() >= 2 && ((Number) s.get(1)).intValue() > 0
                        ? s
                        : null;
                  });
      assertThat(((Number) state.get(1)).intValue()).isEqualTo(320);
      assertThat(((Number) state.get(2)).intValue()).isEqualTo(240);
    } finally {
      driver.quit();
      service.close();
    }
  }
}
