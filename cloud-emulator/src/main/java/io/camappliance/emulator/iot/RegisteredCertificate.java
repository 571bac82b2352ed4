package io.camappliance.emulator.iot;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A device certificate the registry knows ({@code DescribeCertificate}).
 *
 * @param certificateId the lowercase hex SHA-256 of the DER encoding, 64 characters, as AWS IoT
 *     names certificates and as {@code ${credentials-iot:AwsCertificateId}} carries it
 */
public record RegisteredCertificate(
    String certificateId,
    CertificateStatus status,
    Instant creationDate,
    X509Certificate certificate) {}
