package io.camappliance.kvs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection HTTP peer on loopback that reads the request head and then plays a script: the
 * scripted faults for the response side of {@link PutMediaConnection}.
 */
final class ScriptedServer implements AutoCloseable {
  interface Script {
    void play(InputStream in, OutputStream out) throws Exception;
  }

  private final ServerSocket server;
  private final Thread thread;
  final CompletableFuture<String> head = new CompletableFuture<>();
  final CompletableFuture<String> sniHost = new CompletableFuture<>();

  ScriptedServer(SSLServerSocketFactory tls, Script script) throws IOException {
    server =
        tls == null
            ? new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
            : tls.createServerSocket(0, 1, InetAddress.getByName("localhost"));
    thread =
        new Thread(
            () -> {
              try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                if (s instanceof SSLSocket ssl) {
                  ssl.startHandshake();
                  ExtendedSSLSession session = (ExtendedSSLSession) ssl.getSession();
                  sniHost.complete(
                      session.getRequestedServerNames().stream()
                          .map(SNIServerName::getEncoded)
                          .map(b -> new String(b, StandardCharsets.US_ASCII))
                          .findFirst()
                          .orElse(""));
                }
                head.complete(readHead(in));
                script.play(in, s.getOutputStream());
              } catch (Exception e) {
                head.completeExceptionally(e);
                sniHost.completeExceptionally(e);
              }
            },
            "scripted-server");
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("request head cut short: " + b);
  }

  static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The request head, waiting at most 10 s. */
  String awaitHead() throws Exception {
    return head.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(10_000);
  }
}
