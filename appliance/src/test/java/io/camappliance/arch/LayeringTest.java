package io.camappliance.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package layering of the design: each package imports only the appliance packages listed for
 * it, and only {@code camera} touches JavaCV/FFmpeg. {@code camera} may read {@code h264} as well
 * as {@code media}: the pipe and file sources cut Annex-B byte streams into access units and read
 * their parameter sets.
 */
class LayeringTest {
  private static final String ROOT = "io.camappliance.";

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("config", Set.of()),
          Map.entry("media", Set.of()),
          Map.entry("h264", Set.of()),
          Map.entry("camera", Set.of("media", "h264")),
          Map.entry("mkv", Set.of("h264", "media")),
          Map.entry("store", Set.of("media")),
          Map.entry("recording", Set.of("mkv", "store", "media", "h264")),
          Map.entry("credentials", Set.of()),
          Map.entry("kvs", Set.of("store", "credentials", "media")),
          Map.entry("sdp", Set.of()),
          Map.entry("ice", Set.of()),
          Map.entry("dtls", Set.of()),
          Map.entry("srtp", Set.of()),
          Map.entry("rtp", Set.of("h264", "media")),
          Map.entry(
              "webrtc",
              Set.of("sdp", "ice", "dtls", "srtp", "rtp", "h264", "media", "credentials")),
          Map.entry("web", Set.of("config", "webrtc", "media", "h264")));

  private static final List<String> ALL =
      List.of(
          "config",
          "media",
          "h264",
          "camera",
          "mkv",
          "store",
          "recording",
          "credentials",
          "kvs",
          "sdp",
          "ice",
          "dtls",
          "srtp",
          "rtp",
          "webrtc",
          "web",
          "core");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.camappliance");
  }

  static List<String> layeredPackages() {
    return new ArrayList<>(ALLOWED.keySet());
  }

  @ParameterizedTest
  @MethodSource("layeredPackages")
  void importsOnlyTheLowerPackagesTheDesignAllows(String pkg) {
    List<String> forbidden = new ArrayList<>();
    for (String other : ALL) {
      if (!other.equals(pkg) && !ALLOWED.get(pkg).contains(other)) {
        forbidden.add(ROOT + other + "..");
      }
    }
    noClasses()
        .that()
        .resideInAPackage(ROOT + pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(new String[0]))
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheCameraPackageTouchesJavaCvOrFfmpeg() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + "camera..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bytedeco..")
        .check(classes);
  }
}
