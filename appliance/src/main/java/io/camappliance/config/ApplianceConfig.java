package io.camappliance.config;

/** The whole configuration ({@code appliance.toml}), immutable, validated when loaded. */
public record ApplianceConfig(
    CameraConfig camera,
    FragmentConfig fragments,
    StoreConfig store,
    RecordingConfig recording,
    KvsConfig kvs,
    IotConfig iot,
    WebConfig web) {

  public static final ApplianceConfig DEFAULTS =
      new ApplianceConfig(
          CameraConfig.DEFAULTS,
          FragmentConfig.DEFAULTS,
          StoreConfig.DEFAULTS,
          RecordingConfig.DEFAULTS,
          KvsConfig.DEFAULTS,
          IotConfig.DEFAULTS,
          WebConfig.DEFAULTS);

  /** The media pipeline alone: no KVS upload, default IoT and web settings. */
  public ApplianceConfig(
      CameraConfig camera, FragmentConfig fragments, StoreConfig store, RecordingConfig recording) {
    this(
        camera,
        fragments,
        store,
        recording,
        KvsConfig.DEFAULTS,
        IotConfig.DEFAULTS,
        WebConfig.DEFAULTS);
  }
}
