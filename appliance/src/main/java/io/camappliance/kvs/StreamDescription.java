package io.camappliance.kvs;

/**
 * What the uploader needs to know about its stream.
 *
 * @param dataRetentionInHours 0 means the service sends no PERSISTED ACKs, so the content store
 *     trims on RECEIVED
 */
public record StreamDescription(
    String streamName, String streamArn, String mediaType, int dataRetentionInHours) {}
