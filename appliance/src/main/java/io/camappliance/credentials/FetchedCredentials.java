package io.camappliance.credentials;

import java.time.Instant;
import java.util.Optional;

/**
 * One successful answer of the credentials endpoint.
 *
 * @param credentials the session credentials
 * @param serverDate the response's HTTP {@code Date}, from a server authenticated by TLS: the
 *     trusted time {@link ClockCheck} compares the local clock with
 */
public record FetchedCredentials(SessionCredentials credentials, Optional<Instant> serverDate) {}
