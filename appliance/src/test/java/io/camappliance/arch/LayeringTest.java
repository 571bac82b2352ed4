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
      Map.of(
          "config", Set.of(),
          "media", Set.of(),
          "h264", Set.of(),
          "camera", Set.of("media", "h264"),
          "mkv", Set.of("h264", "media"),
          "store", Set.of("media"),
          "recording", Set.of("mkv", "store", "media", "h264"),
          "credentials", Set.of(),
          "kvs", Set.of("store", "credentials", "media"));

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
