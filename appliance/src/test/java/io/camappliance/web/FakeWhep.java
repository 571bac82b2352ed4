package io.camappliance.web;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A WHEP handler that answers every offer with a fixed SDP, or refuses as told, and records. */
final class FakeWhep implements WhepHandler {
  static final String ANSWER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  final List<String> offers = new CopyOnWriteArrayList<>();
  final List<String> remoteAddresses = new CopyOnWriteArrayList<>();
  final List<String> fragments = new CopyOnWriteArrayList<>();
  final List<String> deleted = new CopyOnWriteArrayList<>();
  final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  volatile WhepException refusal;
  volatile RuntimeException crash;
  volatile UnaryOperator<String> answerer = offer -> ANSWER;

  @Override
  public WhepAnswer offer(String sdpOffer, String remoteAddress) throws WhepException {
    offers.add(sdpOffer);
    remoteAddresses.add(remoteAddress);
    if (crash != null) {
      throw crash;
    }
    if (refusal != null) {
      throw refusal;
    }
    String id = "s" + next.incrementAndGet();
    sessions.add(id);
    return new WhepAnswer(id, answerer.apply(sdpOffer));
  }

  @Override
  public void patch(String sessionId, String sdpFragment) throws WhepException {
    if (!sessions.contains(sessionId)) {
      throw WhepException.unknownSession(sessionId);
    }
    fragments.add(sdpFragment);
  }

  @Override
  public void delete(String sessionId) throws WhepException {
    if (!sessions.remove(sessionId)) {
      throw WhepException.unknownSession(sessionId);
    }
    deleted.add(sessionId);
  }
}
