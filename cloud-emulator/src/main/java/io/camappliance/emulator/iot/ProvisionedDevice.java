package io.camappliance.emulator.iot;

import java.nio.file.Path;

/**
 * What provisioning a device produced: the files a device (or kvssink's {@code iot-certificate})
 * needs, named as the IoT reference's §1.5 keys.
 *
 * @param caFile {@code ca-path}: the emulator's CA certificate
 * @param certificateFile {@code cert-path}: the device certificate
 * @param privateKeyFile {@code key-path}: the device's private key, mode 0600
 */
public record ProvisionedDevice(
    String thingName,
    String roleAlias,
    String certificateId,
    Path caFile,
    Path certificateFile,
    Path privateKeyFile) {}
