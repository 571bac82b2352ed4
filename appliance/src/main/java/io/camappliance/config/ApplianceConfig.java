package io.camappliance.config;

/** The whole configuration ({@code appliance.toml}), immutable, validated when loaded. */
public record ApplianceConfig(
    CameraConfig camera, FragmentConfig fragments, StoreConfig store, RecordingConfig recording) {

  public static final ApplianceConfig DEFAULTS =
      new ApplianceConfig(
          CameraConfig.DEFAULTS,
          FragmentConfig.DEFAULTS,
          StoreConfig.DEFAULTS,
          RecordingConfig.DEFAULTS);
}
