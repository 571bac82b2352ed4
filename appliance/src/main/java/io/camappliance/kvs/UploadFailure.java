package io.camappliance.kvs;

/**
 * Why a PutMedia connection (or the attempt to open one) ended early, classified once.
 *
 * @param errorClass what the uploader does about it
 * @param message for the log and the status page; says what to fix where a person must act
 * @param errorId the ERROR ACK's id, 0 when the failure was not an ERROR ACK
 */
record UploadFailure(ErrorClass errorClass, String message, int errorId) {

  static UploadFailure of(ErrorClass c, String message) {
    return new UploadFailure(c, message, 0);
  }
}
