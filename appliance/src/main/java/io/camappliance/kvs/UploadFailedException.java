package io.camappliance.kvs;

/** A classified failure of a PutMedia connection, travelling up to the uploader's decision. */
final class UploadFailedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient UploadFailure failure;

  UploadFailedException(UploadFailure failure) {
    super(failure.message(), null, false, false);
    this.failure = failure;
  }

  UploadFailure failure() {
    return failure;
  }
}
