package io.camappliance.mkv;

/**
 * KVS stream events a producer marks in a fragment's Tags (KVS data model §8): the service
 * generates an image from the fragment, or publishes a notification, when the stream's image
 * generation or notification configuration is enabled.
 */
public enum StreamEvent {
  IMAGE_GENERATION("AWS_KINESISVIDEO_IMAGE_GENERATION"),
  NOTIFICATION("AWS_KINESISVIDEO_NOTIFICATION");

  /** The optional S3 key prefix of a generated image. */
  public static final String IMAGE_PREFIX_TAG = "AWS_KINESISVIDEO_IMAGE_PREFIX";

  /** Custom pairs one event may carry. */
  public static final int MAX_CUSTOM_PAIRS = 10;

  private final String tagName;

  StreamEvent(String tagName) {
    this.tagName = tagName;
  }

  /** The mandatory TagName (with an empty TagString) that marks the event. */
  public String tagName() {
    return tagName;
  }
}
